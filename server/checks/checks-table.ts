import { CHECKS, DOCUMENT_CHECKS } from './registry';

/** The README's table of coded checks, generated from their metadata (a test keeps them in sync). */
export function checksTableMarkdown(): string {
  const rows = [...CHECKS, ...DOCUMENT_CHECKS].map(({ meta }) =>
    `| \`${meta.id}\` | ${meta.name} | ${meta.description} | ${meta.category} | ${meta.severity} | ${meta.needsSource ? 'yes' : 'no'} |`);
  return ['| id | name | what it flags | category | severity | needs source |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

if (require.main === module) process.stdout.write(checksTableMarkdown() + '\n');
