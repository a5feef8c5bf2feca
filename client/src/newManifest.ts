/**
 * "New evidence manifest": framework, fiscal year, office and rounds in a guided input;
 * the server writes the text from the pack (ManifestTemplateRequest), the user chooses
 * where it goes, and the new manifest opens.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { currentFiscalYear, FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, parseFiscalYear } from './fiscalYear';
import { reportFailure } from './failures';
import { back, inputText, pickMany, pickOne, type StepPosition, type StepResult } from './guidedInput';
import type { ManifestTemplateRequest } from '../../server/src/shared/protocol';
import type { ClientHost } from './clientHost';
import { manifestTemplate } from './requests';
import { messageLanguage } from './settings';

/** The manifest name the server's document selector (and `yamlValidation`) recognise. */
export const MANIFEST_SUFFIX = '.evidence.yaml';

interface FrameworkItem extends vscode.QuickPickItem {
  readonly id: string;
  /** The framework's rounds; the rounds step is skipped when there is one or none (PMQA). */
  readonly rounds: readonly RoundItem[];
}

interface RoundItem extends vscode.QuickPickItem {
  readonly id: string;
}

interface Answers {
  framework?: FrameworkItem;
  fiscalYear?: string;
  officeName?: string;
  rounds?: readonly RoundItem[];
}

/**
 * The frameworks offered, with their rounds. The server has no request listing its packs'
 * frameworks yet, so the bundled ones are named here.
 */
function frameworks(): FrameworkItem[] {
  return [
    {
      id: 'obec-x2',
      label: vscode.l10n.t('Indicator X2'),
      description: 'obec-x2',
      detail: vscode.l10n.t('Digital management systems in the 4 areas'),
      rounds: [
        { id: '6m', label: vscode.l10n.t('6-month round'), description: '6m' },
        { id: '12m', label: vscode.l10n.t('12-month round'), description: '12m' },
      ],
    },
    { id: 'obec-pmqa', label: vscode.l10n.t('PMQA self-assessment'), description: 'obec-pmqa', detail: vscode.l10n.t('7 weighted categories, Basic / Advance / Significance'), rounds: [] },
    {
      id: 'esao-2557',
      label: vscode.l10n.t('ESAO Standard 2557, standard 1 indicator 1'),
      description: 'esao-2557',
      detail: vscode.l10n.t('Six consideration points, levels by clear evidence'),
      rounds: [{ id: 'annual', label: vscode.l10n.t('Annual'), description: 'annual' }],
    },
  ];
}

/** Runs the command. */
export async function newManifest(host: ClientHost, output: vscode.OutputChannel): Promise<void> {
  const answers = await ask();
  if (answers === undefined) return;
  let text: string;
  try {
    const client = await host.client();
    ({ text } = await client.sendRequest(manifestTemplate, { ...answers, language: messageLanguage() }));
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not create the manifest.'), error, output);
    return;
  }
  const target = await chooseTarget();
  if (target === undefined) return;
  try {
    // The save dialog already asked before replacing an existing file; this is the only write.
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(target);
  } catch (error) {
    await reportFailure(vscode.l10n.t('Could not write {0}.', target.fsPath), error, output);
  }
}

/** The request's parameters that come from the user (the language comes from the setting). */
type Answered = Omit<ManifestTemplateRequest.Params, 'language'>;

/** The four steps, with Back; undefined when the user dismissed one. */
async function ask(): Promise<Answered | undefined> {
  const title = vscode.l10n.t('New evidence manifest');
  // The rounds step only when the framework has more than one round to choose from.
  const totalSteps = (): number => (answers.framework && answers.framework.rounds.length <= 1 ? 3 : 4);
  const answers: Answers = {};
  const steps: ((position: StepPosition) => Promise<StepResult<unknown>>)[] = [
    async (position) => {
      const items = frameworks();
      const result = await pickOne(position, items, {
        placeholder: vscode.l10n.t('Choose the indicator'),
        active: items.find((i) => i.id === answers.framework?.id),
      });
      if (result !== undefined && result !== back) answers.framework = result;
      return result;
    },
    async (position) => {
      const result = await inputText(position, {
        prompt: vscode.l10n.t('Fiscal year, Buddhist Era (a fiscal year ends on 30 September)'),
        value: answers.fiscalYear ?? String(currentFiscalYear(new Date())),
        validate: fiscalYearMessage,
      });
      if (typeof result === 'string') answers.fiscalYear = result;
      return result;
    },
    async (position) => {
      const result = await inputText(position, {
        prompt: vscode.l10n.t('Name of the Educational Service Area Office'),
        placeholder: vscode.l10n.t('e.g. Primary Educational Service Area Office … Area 1'),
        value: answers.officeName ?? '',
        validate: (value) => (value.trim() === '' ? vscode.l10n.t('Enter the office name.') : undefined),
      });
      if (typeof result === 'string') answers.officeName = result.trim();
      return result;
    },
    async (position) => {
      const items = [...(answers.framework?.rounds ?? [])];
      const selected = answers.rounds === undefined ? items : items.filter((i) => answers.rounds?.some((r) => r.id === i.id));
      const result = await pickMany(position, items, {
        placeholder: vscode.l10n.t('Rounds to report'),
        selected,
        emptyMessage: vscode.l10n.t('Choose at least one round.'),
      });
      if (result !== undefined && result !== back) answers.rounds = result;
      return result;
    },
  ];
  let index = 0;
  while (index < totalSteps()) {
    if (index === 3 && answers.rounds !== undefined && answers.framework && answers.rounds.some((r) => !answers.framework!.rounds.includes(r))) {
      delete answers.rounds; // another framework was chosen after going back
    }
    const step = steps[index]!;
    const result = await step({ title, step: index + 1, totalSteps: totalSteps() });
    if (result === undefined) return undefined;
    index = result === back ? Math.max(0, index - 1) : index + 1;
  }
  if (answers.framework && answers.framework.rounds.length <= 1) answers.rounds = answers.framework.rounds;
  const year = parseFiscalYear(answers.fiscalYear ?? '');
  if (answers.framework === undefined || year.kind !== 'ok' || answers.officeName === undefined || answers.rounds === undefined) {
    return undefined; // unreachable: every step validated its answer
  }
  return {
    framework: answers.framework.id,
    fiscalYear: year.year,
    officeName: answers.officeName,
    rounds: answers.rounds.map((r) => r.id),
  };
}

/** The input box's message for a fiscal year, or undefined when it is acceptable. */
function fiscalYearMessage(value: string): string | undefined {
  const parsed = parseFiscalYear(value);
  switch (parsed.kind) {
    case 'ok':
      return undefined;
    case 'empty':
    case 'not-a-year':
      return vscode.l10n.t('Enter a four-digit Buddhist Era year, e.g. {0}.', currentFiscalYear(new Date()));
    case 'christian-era':
      return vscode.l10n.t('{0} is a Christian Era year: the Buddhist Era year is {1} (CE + 543).', parsed.year, parsed.buddhistEra);
    case 'out-of-range':
      return vscode.l10n.t('Enter a Buddhist Era year from {0} to {1}.', FISCAL_YEAR_MIN, FISCAL_YEAR_MAX);
  }
}

/**
 * Asks where to save, until the name ends in `.evidence.yaml`. A wrong name is not
 * silently fixed by appending the suffix: that could replace a file the dialog never asked about.
 */
async function chooseTarget(): Promise<vscode.Uri | undefined> {
  let defaultUri = defaultManifestUri();
  for (;;) {
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Save the evidence manifest'),
      defaultUri,
      filters: { [vscode.l10n.t('Evidence manifest')]: ['yaml'] },
      saveLabel: vscode.l10n.t('Create'),
    });
    if (target === undefined) return undefined;
    if (path.posix.basename(target.path).endsWith(MANIFEST_SUFFIX)) return target;
    await vscode.window.showWarningMessage(
      vscode.l10n.t('The file name of a manifest must end in "{0}" so that it is checked.', MANIFEST_SUFFIX),
      { modal: true },
    );
    const base = path.posix.basename(target.path).replace(/\.ya?ml$/i, '');
    defaultUri = vscode.Uri.joinPath(target, '..', `${base}${MANIFEST_SUFFIX}`);
  }
}

/** `x2.evidence.yaml` in the active editor's workspace folder, else the first folder. */
function defaultManifestUri(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder === undefined ? undefined : vscode.Uri.joinPath(folder.uri, `x2${MANIFEST_SUFFIX}`);
}
