// PostgreSQL: an inheritance child's column or check that it declares as well as inherits
// (`options.local`) stays on it when the parent drops its own. The flag's name says little to a
// reviewer; its change says what the parent's DROP now does.
import type { AttributeChange } from './attributes.js';

const DROP: Record<'column' | 'check', string> = { column: 'DROP COLUMN', check: 'DROP CONSTRAINT' };

/**
 * The hint for a column's or check's `options.local` turned on. None for it turned off: the child
 * may inherit the part only now, or no longer at all (the parent dropped its own and the child
 * kept it), which the change alone does not tell apart.
 */
export function localHint(kind: 'column' | 'check', change: AttributeChange): string | undefined {
  return change.attribute === 'options.local' && change.to === true ? `declared on this table as well as inherited: ${DROP[kind]} on the parent leaves it here` : undefined;
}
