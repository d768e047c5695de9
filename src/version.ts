/** Kept equal to package.json's version by a test; sent in the User-Agent. */
export const ACTION_NAME = 'multitudes-deployment-action'
export const ACTION_VERSION = '1.0.0'
