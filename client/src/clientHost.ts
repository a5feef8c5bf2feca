/**
 * Owns the language client: started lazily (the first manifest opened, or a command that
 * needs the server), restarted when settings read at start-up change, stopped on
 * deactivation. Every transition runs in one queue, so a burst of setting changes cannot
 * start two servers side by side.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type NotificationType, type ServerOptions } from 'vscode-languageclient/node';
import { manifestSelector } from './manifestSelector';
import { configurationMiddleware, initializationOptions, SECTION } from './settings';

// Evidence and workbooks (re-check the manifests that link them), packs (reload), and
// manifests themselves (those checked by "check workspace" but not open are re-checked).
const WATCHED_GLOBS = ['**/*.{xlsx,xlsm,xls,pdf,png,jpg,jpeg,docx}', '**/*.pack.yaml', '**/*.evidence.{yaml,yml}'];

interface Running {
  readonly client: LanguageClient;
  readonly watchers: readonly vscode.FileSystemWatcher[];
}

/** A notification handler registered through {@link ClientHost.onNotification}. */
interface NotificationListener {
  readonly type: NotificationType<unknown>;
  readonly handler: (params: unknown) => void;
  /** Its registration on the running client, if one runs. */
  registration?: vscode.Disposable;
}

/** Starts, restarts and stops the OBEC Evidence language client. */
export class ClientHost implements vscode.Disposable {
  private running: Running | undefined;
  /** The client being started or running; undefined until first needed, and after a failed start. */
  private current: Promise<LanguageClient> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private readonly listeners = new Set<NotificationListener>();

  /**
   * @param serverModule absolute path of `dist/server.js`
   * @param output the channel the client logs to; it outlives each client
   * @param prepare called with each new client before it starts, to register handlers
   */
  constructor(
    private readonly serverModule: string,
    private readonly output: vscode.OutputChannel,
    private readonly prepare: (client: LanguageClient) => void,
  ) {}

  /** True once the client was asked for (and not failed): restarts only matter then. */
  get started(): boolean {
    return this.current !== undefined;
  }

  /** The running client, starting it on first use. Rejects when the server cannot start. */
  client(): Promise<LanguageClient> {
    return this.current ?? this.startInQueue();
  }

  /**
   * Handles a server notification on the running client and on every client started
   * later (a restart makes a new client): features that outlive one server, such as the
   * score preview, subscribe once. Does not start the server.
   */
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): vscode.Disposable {
    const listener: NotificationListener = { type: type as NotificationType<unknown>, handler: handler as (params: unknown) => void };
    this.listeners.add(listener);
    if (this.running !== undefined) listener.registration = this.running.client.onNotification(listener.type, listener.handler);
    return new vscode.Disposable(() => {
      this.listeners.delete(listener);
      listener.registration?.dispose();
      listener.registration = undefined;
    });
  }

  /** Replaces the running server with a new one (new initialization options); no-op before first use. */
  restart(): Promise<void> {
    if (this.current === undefined || this.disposed) return Promise.resolve();
    return this.startInQueue().then(
      () => undefined,
      () => undefined, // the client library already reported it in the output channel
    );
  }

  /** Stops the server; returns when it has exited (VS Code waits for deactivate's promise). */
  dispose(): Promise<void> {
    this.disposed = true;
    this.current = undefined;
    return this.enqueue(() => this.stopRunning());
  }

  private startInQueue(): Promise<LanguageClient> {
    const started = this.enqueue(async () => {
      await this.stopRunning();
      if (this.disposed) throw new Error('OBEC Evidence is shutting down');
      return this.startNew();
    });
    this.current = started;
    // After a failed start the next command tries again instead of replaying the failure.
    started.catch(() => {
      if (this.current === started) this.current = undefined;
    });
    return started;
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const result = this.queue.then(step);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async startNew(): Promise<LanguageClient> {
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const watchers = WATCHED_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    const clientOptions: LanguageClientOptions = {
      documentSelector: manifestSelector,
      synchronize: { fileEvents: watchers },
      // A function, so the options are read when this client starts, not when it was built.
      initializationOptions,
      outputChannel: this.output,
      middleware: { workspace: { configuration: configurationMiddleware } },
    };
    const client = new LanguageClient(SECTION, 'OBEC Evidence', serverOptions, clientOptions);
    this.prepare(client);
    // Before start: the server publishes as soon as it has checked the open manifests.
    for (const listener of this.listeners) listener.registration = client.onNotification(listener.type, listener.handler);
    try {
      await client.start();
    } catch (error) {
      watchers.forEach((w) => w.dispose());
      await client.dispose().catch(() => undefined);
      throw error;
    }
    this.running = { client, watchers };
    return client;
  }

  private async stopRunning(): Promise<void> {
    const running = this.running;
    if (running === undefined) return;
    this.running = undefined;
    try {
      // A server that does not answer shutdown must not block a restart or VS Code's exit.
      await running.client.dispose(2000);
    } catch (error) {
      this.output.appendLine(`Stopping the server failed: ${String(error)}`);
    } finally {
      running.watchers.forEach((w) => w.dispose());
    }
  }
}
