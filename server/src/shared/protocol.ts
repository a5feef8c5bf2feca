/**
 * The custom protocol between the OBEC Evidence extension (client) and its language
 * server, defined once and imported by both sides (as vscode-eslint does). Each message
 * names its direction. Plain JSON shapes only: no vscode or vscode-languageserver imports,
 * so the webview bundle can import the payload types too.
 */

/** Message language of the server: Thai (default) or English. */
export type MessageLanguage = 'th' | 'en';

/** `initializationOptions` the client sends. */
export interface InitializationOptions {
  readonly language: MessageLanguage;
  /** Extra schema-pack folders (absolute paths); empty in untrusted workspaces. */
  readonly schemaPacks: readonly string[];
  /** Debounce before validating a changed document, ms. */
  readonly validationDelay: number;
}

/** The server's settings section, read with `workspace/configuration` (section `obecEvidence`). */
export interface ServerSettings {
  readonly language?: 'auto' | MessageLanguage;
  readonly schemaPacks?: readonly string[];
  readonly validation?: { readonly delay?: number };
}

/** Client → server request: check every manifest in the workspace folders (not only open ones). */
export namespace CheckWorkspaceRequest {
  export const method = 'obecEvidence/checkWorkspace' as const;
  export interface Params {}
  export interface Result {
    readonly manifests: number;
    readonly errors: number;
    readonly warnings: number;
  }
}

/** Client → server request: the text of a new manifest from the guided template. */
export namespace ManifestTemplateRequest {
  export const method = 'obecEvidence/manifestTemplate' as const;
  export interface Params {
    readonly framework: string;
    readonly fiscalYear: number;
    readonly officeName: string;
    readonly rounds: readonly string[];
    readonly language: MessageLanguage;
  }
  export interface Result {
    readonly text: string;
  }
}

/**
 * Client → server request: the bytes of a table's Excel template (base64). The client
 * writes the file where the user chose: the server never writes files.
 */
export namespace TableTemplateRequest {
  export const method = 'obecEvidence/tableTemplate' as const;
  export interface Params {
    readonly table: string;
    readonly language: MessageLanguage;
    readonly officeName?: string;
  }
  export interface Result {
    readonly base64: string;
    /** Suggested file name, e.g. `X2.2-template.xlsx`. */
    readonly fileName: string;
  }
}

/** Client → server request: the table ids the loaded packs define (for the template picker). */
export namespace TableIdsRequest {
  export const method = 'obecEvidence/tableIds' as const;
  export interface Result {
    readonly tables: readonly { readonly id: string; readonly title: string }[];
  }
}

/** Server → client notification: the state of a manifest, for the language status item. */
export namespace ManifestStatusNotification {
  export const method = 'obecEvidence/manifestStatus' as const;
  export interface Params {
    readonly uri: string;
    readonly framework?: string;
    readonly edition?: string;
    /** Level per round, in pack order. */
    readonly levels: readonly { readonly round: string; readonly title: string; readonly level: number }[];
    readonly overall?: { readonly score: number; readonly descriptor?: string };
    readonly errors: number;
    readonly warnings: number;
  }
}
