// Where the default behaviour's viewer-request function lives: CDK deploys this file and the local sandbox
// runs it, so the two cannot drift.
import { join } from "node:path";

export const VIEWER_REQUEST_FUNCTION_FILE = join(import.meta.dirname, "runtime", "viewer-request.js");
