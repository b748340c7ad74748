import path from 'node:path';

/** The project directory, whether we run from sources (server/) or compiled code (dist/server/). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', path.basename(path.resolve(__dirname, '..')) === 'dist' ? '..' : '');
