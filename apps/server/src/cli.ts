import { parseArgs } from 'node:util';
import { migrateCommand, seedCommand } from './commands/database';
import { backupCommand, restoreCommand } from './commands/backup';
import { exportCatalogueCommand, importCatalogueCommand } from './commands/catalogue';
import { importCommand } from './commands/import';
import { exportLedgerCommand, verifyLedgerCommand, verifyLedgerFileCommand } from './commands/ledger';
import { createUserCommand } from './commands/users';
import { eraseCommand } from './commands/erase';
import { rotateKeyCommand } from './commands/keys';
import { describeError } from '@tracker/api';
import { asText } from '@tracker/domain';
import { readEnv } from './env';

const usage = `Usage: npm run tracker -- <command> [options]

Commands:
  migrate            Apply every pending database migration.
  seed [--demo]      Load the catalogue from the 2023 briefing paper (idempotent).
                     --demo also adds a clearly labelled illustrative data set.
  users:create --email E --role R [--name N] [--password-stdin]
                     Create an account (roles: admin, reviewer, monitor, policymaker).
                     With --password-stdin the password is read from standard input;
                     without it, a one-time link to choose one is printed.
  import FILE --as EMAIL
                     Import evidence from CSV (header: the evidence field names, with
                     recommendationKeys and siteIds separated by |, and an optional
                     externalId). Every row is checked first; all rows or none are
                     imported; re-importing the same file creates no duplicates.
  export --all DIR   Write a complete, verifiable backup (every table, ledger included), read
                     from one snapshot, so it restores even when taken while people work.
  restore DIR        Restore such a backup into an empty database; the ledger and every
                     ledgered record are checked before anything is kept.
  catalogue export FILE
                     Write frameworks, groups and recommendations as a JSON document.
  catalogue import FILE --as EMAIL
                     Add or update the catalogue from such a document (an admin's account).
  ledger verify [--deep] [--file F]
                     Recompute the tamper-evident ledger's hash chain and name the first
                     broken link; --deep also checks that every ledgered record is what its
                     last entry says; with --file, verify an exported chain offline.
  ledger export FILE Write the chain (salted references and digests, no content) as JSON lines.
  key rotate --new FILE
                     Re-wrap every data key under the key in FILE (made if missing). Safe to
                     interrupt and run again; afterwards the old key opens nothing.
  erase EVIDENCE_ID --reason "..." --as EMAIL
                     Erase an item on request (an administrator's account): its content,
                     files and data key are destroyed; the ledger still verifies.
  help               Show this help.

The database is PostgreSQL when DATABASE_URL is set, otherwise the embedded
database in TRACKER_DATA_DIR (default ./.data), which must not be in use by a
running server. Confidential content is opened with the key in TRACKER_KEY_FILE
(default ./.tracker-key).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      demo: { type: 'boolean', default: false },
      email: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      file: { type: 'string' },
      as: { type: 'string' },
      all: { type: 'boolean', default: false },
      new: { type: 'string' },
      deep: { type: 'boolean', default: false },
      reason: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  switch (command) {
    case 'migrate':
      console.log(await migrateCommand(readEnv()));
      return 0;
    case 'seed':
      console.log(await seedCommand(readEnv(), { demo: values.demo }));
      return 0;
    case 'users:create':
      console.log(
        await createUserCommand(readEnv(), { email: values.email, role: values.role, name: values.name, passwordStdin: values['password-stdin'] }),
      );
      return 0;
    case 'import': {
      const [file] = positionals;
      if (!file) {
        console.error(`Name the file to import.\n\n${usage}`);
        return 2;
      }
      console.log(await importCommand(readEnv(), file, values.as));
      return 0;
    }
    case 'export':
    case 'restore': {
      const [dir] = positionals;
      if (!dir || (command === 'export' && !values.all)) {
        console.error(`Use "export --all DIR" or "restore DIR".\n\n${usage}`);
        return 2;
      }
      console.log(command === 'export' ? await backupCommand(readEnv(), dir) : await restoreCommand(readEnv(), dir));
      return 0;
    }
    case 'catalogue': {
      const [sub, file] = positionals;
      if (sub === 'export' && file) console.log(await exportCatalogueCommand(readEnv(), file));
      else if (sub === 'import' && file) console.log(await importCatalogueCommand(readEnv(), file, values.as));
      else {
        console.error(`Use "catalogue export FILE" or "catalogue import FILE --as EMAIL".\n\n${usage}`);
        return 2;
      }
      return 0;
    }
    case 'ledger': {
      const [sub, file] = positionals;
      if (sub === 'verify') {
        const result = values.file ? await verifyLedgerFileCommand(values.file) : await verifyLedgerCommand(readEnv(), values.deep);
        (result.ok ? console.log : console.error)(result.text);
        return result.ok ? 0 : 3;
      }
      if (sub === 'export' && file) {
        console.log(await exportLedgerCommand(readEnv(), file));
        return 0;
      }
      console.error(`Use "ledger verify [--file F]" or "ledger export FILE".\n\n${usage}`);
      return 2;
    }
    case 'key': {
      const [sub] = positionals;
      if (sub !== 'rotate' || !values.new) {
        console.error(`Use "key rotate --new FILE".\n\n${usage}`);
        return 2;
      }
      console.log(await rotateKeyCommand(readEnv(), values.new));
      return 0;
    }
    case 'erase': {
      const [id] = positionals;
      if (!id) {
        console.error(`Name the evidence to erase: erase EVIDENCE_ID --reason "..." --as EMAIL.\n\n${usage}`);
        return 2;
      }
      console.log(await eraseCommand(readEnv(), id, values.reason, values.as));
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(usage);
      return 0;
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

/**
 * What went wrong, from the outermost message to the underlying one: the ORM wraps a database
 * error in "Failed query: …", and the reason (a full disk, a lost connection) is in its cause.
 */
function describeFailure(error: unknown): string {
  const messages: string[] = [];
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const message = current instanceof Error ? current.message : asText(current);
    messages.push(message.length > 500 ? `${message.slice(0, 500)}…` : message);
    current = current instanceof Error ? current.cause : undefined;
  }
  return messages.join('\n  caused by: ');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // The one error model: a refusal (bad input, a wrong account, an empty target) says what is
    // wrong; anything else says everything it knows.
    const described = describeError(error);
    console.error(described.internal ? `tracker: ${describeFailure(error)}` : described.message);
    process.exit(1);
  },
);
