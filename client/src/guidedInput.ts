/**
 * Steps of a guided quick input ("1/4", "2/4"… with a Back button), built on
 * `createQuickPick`/`createInputBox` because the `show*` shortcuts have neither steps nor
 * Back. Each step resolves to a value, {@link back}, or undefined when the user dismissed it.
 */
import * as vscode from 'vscode';

/** Returned by a step when the user pressed Back. */
export const back: unique symbol = Symbol('back');

/** A step's outcome: the value, {@link back}, or undefined (dismissed). */
export type StepResult<T> = T | typeof back | undefined;

/** Where a step sits in its flow, shown in the input's title bar. */
export interface StepPosition {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

/** One item from a list. */
export function pickOne<T extends vscode.QuickPickItem>(
  position: StepPosition,
  items: readonly T[],
  options: { readonly placeholder: string; readonly active?: T },
): Promise<StepResult<T>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.items = items;
  pick.placeholder = options.placeholder;
  if (options.active !== undefined) pick.activeItems = [options.active];
  return run<T>(pick, position, (finish) => [
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (chosen !== undefined) finish(chosen);
    }),
  ]);
}

/** At least one item from a list; accepting an empty selection keeps the step open and says why. */
export function pickMany<T extends vscode.QuickPickItem>(
  position: StepPosition,
  items: readonly T[],
  options: { readonly placeholder: string; readonly selected: readonly T[]; readonly emptyMessage: string },
): Promise<StepResult<readonly T[]>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.canSelectMany = true;
  pick.items = items;
  pick.selectedItems = options.selected;
  pick.placeholder = options.placeholder;
  return run<readonly T[]>(pick, position, (finish) => [
    pick.onDidAccept(() => {
      // A quick pick has no validation message (in VS Code 1.90): the placeholder carries it.
      if (pick.selectedItems.length === 0) pick.placeholder = options.emptyMessage;
      else finish([...pick.selectedItems]);
    }),
  ]);
}

/** A line of text, checked as the user types and again on Enter. */
export function inputText(
  position: StepPosition,
  options: {
    readonly prompt: string;
    readonly value: string;
    readonly placeholder?: string;
    /** An error message, or undefined when the text is acceptable. */
    readonly validate: (value: string) => string | undefined;
  },
): Promise<StepResult<string>> {
  const box = vscode.window.createInputBox();
  box.prompt = options.prompt;
  box.value = options.value;
  box.placeholder = options.placeholder;
  // Validate the pre-filled value too, but do not shout at an empty field before typing.
  box.validationMessage = options.value === '' ? undefined : options.validate(options.value);
  return run<string>(box, position, (finish) => [
    box.onDidChangeValue((value) => {
      box.validationMessage = options.validate(value);
    }),
    box.onDidAccept(() => {
      const message = options.validate(box.value);
      box.validationMessage = message;
      if (message === undefined) finish(box.value);
    }),
  ]);
}

function run<T>(
  input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox,
  position: StepPosition,
  wire: (finish: (result: StepResult<T>) => void) => vscode.Disposable[],
): Promise<StepResult<T>> {
  input.title = position.title;
  input.step = position.step;
  input.totalSteps = position.totalSteps;
  input.buttons = position.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  // Officers copy the office's name from another window: losing focus must not lose the flow.
  input.ignoreFocusOut = true;
  return new Promise<StepResult<T>>((resolve) => {
    const subscriptions: vscode.Disposable[] = [];
    let settled = false;
    const finish = (result: StepResult<T>): void => {
      if (settled) return;
      settled = true;
      subscriptions.forEach((s) => s.dispose());
      input.dispose();
      resolve(result);
    };
    subscriptions.push(
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) finish(back);
      }),
      input.onDidHide(() => finish(undefined)),
      ...wire(finish),
    );
    input.show();
  });
}
