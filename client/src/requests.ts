/**
 * Typed handles for the custom protocol's messages. The method names and payload types
 * come from the shared protocol module; this only binds them to the client library's
 * message types, which the protocol module cannot import (it stays plain JSON shapes).
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageclient/node';
import {
  CheckWorkspaceRequest,
  ManifestStatusNotification,
  ManifestTemplateRequest,
  ScorePreviewChangedNotification,
  ScorePreviewRequest,
  TableIdsRequest,
  TableTemplateRequest,
} from '../../server/src/shared/protocol';

/** Client → server: check every manifest in the workspace folders. */
export const checkWorkspace = new RequestType<CheckWorkspaceRequest.Params, CheckWorkspaceRequest.Result, void>(
  CheckWorkspaceRequest.method,
);

/** Client → server: the text of a new manifest. */
export const manifestTemplate = new RequestType<ManifestTemplateRequest.Params, ManifestTemplateRequest.Result, void>(
  ManifestTemplateRequest.method,
);

/** Client → server: the bytes of a table's Excel template. */
export const tableTemplate = new RequestType<TableTemplateRequest.Params, TableTemplateRequest.Result, void>(
  TableTemplateRequest.method,
);

/** Client → server: the table ids the loaded packs define. */
export const tableIds = new RequestType0<TableIdsRequest.Result, void>(TableIdsRequest.method);

/** Server → client: a manifest's framework, levels and problem counts. */
export const manifestStatus = new NotificationType<ManifestStatusNotification.Params>(ManifestStatusNotification.method);

/** Client → server: the score payload of a manifest (open, or read from disk). */
export const scorePreview = new RequestType<ScorePreviewRequest.Params, ScorePreviewRequest.Result, void>(ScorePreviewRequest.method);

/** Server → client: a manifest's score payload after each check. */
export const scorePreviewChanged = new NotificationType<ScorePreviewChangedNotification.Params>(ScorePreviewChangedNotification.method);
