/** The import's progress bar is the shared one of the command-line tools. */
export { progressBar } from '@practice/common';
export type { Output } from '@practice/common';
