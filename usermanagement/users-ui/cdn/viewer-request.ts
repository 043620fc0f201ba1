// Where the default behaviour's viewer-request function lives: CDK deploys this file as the function's code, and
// the sandbox runs that code from the synthesized template.
import { join } from "node:path";

export const VIEWER_REQUEST_FUNCTION_FILE = join(import.meta.dirname, "runtime", "viewer-request.js");
