// What picks the workspace folder a request is about (wire data, shared by client and server).

export interface FolderParams {
  /** A file or folder URI: picks the workspace folder; the first folder when absent. */
  uri?: string;
}
