// MySQL snapshots taken before routines' text types were always spelled with their charset and
// collation (dialects/mysql/assemble.ts) left out what equalled the database's defaults of the
// time, which the snapshot's schema.yaml records: `varchar(10)` and `varchar(5) COLLATE
// utf8mb4_bin` stood for `varchar(10) CHARSET <db charset> COLLATE <db collation>` and
// `varchar(5) CHARSET <db charset> COLLATE utf8mb4_bin`. Read with those made explicit, such a
// snapshot compares with a newer one of the same routine as the same routine.
import type { Routine, SchemaInfo } from '../model/types.js';
import { TEXT_TYPE } from '../model/table-charset.js';
import { splitArgs } from './type-change.js';

const SPELLED_OUT = /\sCHARSET\s+\w+\s+COLLATE\s+\w+$/i;
const OWN_COLLATION = /\sCOLLATE\s+(\w+)$/i;

/** A type (with what follows it: ` COLLATE x`) with the database's defaults it left unsaid spelled out. */
function explicit(type: string, charset: string, collation: string): string {
  if (!TEXT_TYPE.test(type) || SPELLED_OUT.test(type)) return type;
  const own = OWN_COLLATION.exec(type);
  return own ? `${type.slice(0, own.index)} CHARSET ${charset} COLLATE ${own[1]}` : `${type} CHARSET ${charset} COLLATE ${collation}`;
}

/** The routine as a snapshot of any version would spell it now, given the schema it was read in. */
export function withSchemaCharset(routine: Routine, schema: SchemaInfo | undefined): Routine {
  const { charset, collation } = schema?.options ?? {};
  if (typeof charset !== 'string' || typeof collation !== 'string') return routine;
  const out = { ...routine };
  if (out.returns !== undefined) out.returns = explicit(out.returns, charset, collation);
  const args = out.arguments ? splitArgs(out.arguments) : [];
  // Each argument is `[mode] name type`, its type the one argument_types holds, then what follows it.
  if (args.length > 0 && args.length === routine.argument_types.length) {
    out.arguments = args
      .map((arg, i) => {
        const at = arg.lastIndexOf(` ${routine.argument_types[i]!}`) + 1;
        return at > 0 ? `${arg.slice(0, at)}${explicit(arg.slice(at), charset, collation)}` : arg;
      })
      .join(', ');
  }
  return out;
}
