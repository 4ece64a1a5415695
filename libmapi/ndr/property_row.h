/**
 * @file property_row.h
 * @brief Property rows of ROP buffers, whose layout depends on a column set.
 *
 * A PropertyRow (MS-OXCDATA 2.8.1) carries one value per column, without
 * the property tags: the reader must know the columns (from RopSetColumns,
 * or the tag list of RopGetPropertiesSpecific).  IDL cannot express that,
 * so this is the one hand-written place for it; the values themselves are
 * marshalled by the generated PropertyValueUnion code.
 */
#ifndef LIBMAPI_NDR_PROPERTY_ROW_H
#define LIBMAPI_NDR_PROPERTY_ROW_H

#include <stdint.h>
#include <ndr.h>
#include "gen_ndr/rop_types.h"

/** PropertyRow Flag values (MS-OXCDATA 2.8.1.1, 2.8.1.2). */
enum property_row_kind {
	PROPERTY_ROW_STANDARD = 0x00,	/**< every column has a value */
	PROPERTY_ROW_FLAGGED = 0x01	/**< some columns are errors or missing */
};

/** One column's cell of a PropertyRow. */
struct property_row_value {
	/**
	 * Type of @c value: the column's type, or for a PtypUnspecified
	 * column the type carried on the wire.  PT_ERROR when the cell
	 * holds an error code.
	 */
	uint16_t type;
	/** FlaggedPropertyValue Flag: 0x00 value, 0x01 not found, 0x0A error.
	 *  Always 0x00 (or PT_ERROR type) in a standard row. */
	uint8_t flag;
	/** The value, selected by @c type. */
	union PropertyValueUnion value;
};

/** A PropertyRow: one cell per column. */
struct property_row {
	enum property_row_kind kind;	/**< standard or flagged */
	uint32_t count;			/**< number of columns */
	struct property_row_value *cells; /**< @a count cells */
};

/**
 * @brief Write a PropertyRow for @a columns.
 *
 * A standard row cannot hold errors or missing values: callers choose
 * PROPERTY_ROW_FLAGGED as soon as one cell has flag != 0 (see
 * property_row_choose_kind()).  A cell whose type does not match a typed
 * column is refused with NDR_ERR_BAD_SWITCH.
 */
enum ndr_err_code ndr_push_property_row(struct ndr_push *ndr,
					const uint32_t *columns,
					uint32_t count,
					const struct property_row *row);

/**
 * @brief Read a PropertyRow for @a columns; strings and arrays are
 * allocated on the ndr context's current memory context.
 */
enum ndr_err_code ndr_pull_property_row(struct ndr_pull *ndr,
					TALLOC_CTX *mem_ctx,
					const uint32_t *columns,
					uint32_t count,
					struct property_row *row);

/**
 * @brief The row kind a server must send for these cells: flagged when
 * any cell is an error or missing, standard otherwise.
 */
enum property_row_kind property_row_choose_kind(const struct property_row *row);

#endif /* LIBMAPI_NDR_PROPERTY_ROW_H */
