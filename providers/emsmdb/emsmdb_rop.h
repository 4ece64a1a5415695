/*
 * The ROP engine of the EMSMDB provider (MS-OXCROPS 3.2.5.1, 3.2.5.2):
 * server objects, the per-session object table, and the interface every
 * ROP handler implements.
 *
 * This part has no RPC or directory dependency: the unit tests drive it
 * directly with ROP buffers.
 *
 * Adding a ROP: write "enum MAPISTATUS handler(struct emsmdb_rop_call *)"
 * in the file of its area (emsmdb_rop_<area>.c) and list it in the table
 * of emsmdb_rop_table.c with the object types it accepts as input.  The
 * engine resolves the input handle, checks its type and logon, and builds
 * the error response whenever the handler returns an error; on success the
 * handler fills call->response->Body.<Rop> (the engine sets its handle
 * index and ReturnValue).  A ROP that creates a Server object calls
 * emsmdb_rop_new_object(): the engine stores its handle at the output
 * handle index.
 */
#ifndef EMSMDB_ROP_H
#define EMSMDB_ROP_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include <gen_ndr/rops.h>

/** Kinds of Server object (MS-OXCROPS 1.3.1). */
enum emsmdb_object_type {
	EMSMDB_OBJECT_LOGON = 1,
	EMSMDB_OBJECT_FOLDER,
	EMSMDB_OBJECT_MESSAGE,
	EMSMDB_OBJECT_ATTACHMENT,
	EMSMDB_OBJECT_TABLE,
	EMSMDB_OBJECT_STREAM,
	EMSMDB_OBJECT_NOTIFICATION,
	EMSMDB_OBJECT_FX_CONTEXT,
	EMSMDB_OBJECT_SYNC_CONTEXT,
	EMSMDB_OBJECT_COLLECTOR,
};

/** Bit of an object type in emsmdb_rop_def.input_types. */
#define EMSMDB_OBJECT_BIT(t) (1U << (t))
/** Any object type is accepted as input. */
#define EMSMDB_OBJECT_ANY 0xFFFFFFFFU

/** Default limit of live Server objects per session. */
#define EMSMDB_MAX_OBJECTS_DEFAULT 4096
/** Largest table the handle encoding allows (slot in the low 16 bits). */
#define EMSMDB_MAX_OBJECTS_LIMIT 0xFFFF

/**
 * A Server object (MS-OXCROPS 1.3.1).  Children (e.g. the folders opened
 * through a logon) are talloc children of their parent: releasing an
 * object releases everything opened through it.
 */
struct emsmdb_object {
	struct emsmdb_object_table *table;	/**< owning session table */
	uint32_t handle;			/**< Server object handle */
	enum emsmdb_object_type type;		/**< kind of object */
	uint8_t logon_id;			/**< logon it belongs to */
	struct emsmdb_object *parent;		/**< NULL for a logon */
	void *data;				/**< handler state (talloc
						     child of the object) */
};

/** The Server objects of one session (the Logon Map and Server Object
 *  Maps of MS-OXCROPS 3.2.5.1, in one table). */
struct emsmdb_object_table;

/**
 * @brief Create an empty table allowing @a max_objects live objects
 * (at most EMSMDB_MAX_OBJECTS_LIMIT).
 */
struct emsmdb_object_table *emsmdb_object_table_new(TALLOC_CTX *mem_ctx,
						    uint32_t max_objects);

/**
 * @brief Create a Server object.
 *
 * A logon (type EMSMDB_OBJECT_LOGON, @a parent NULL) replaces an earlier
 * logon with the same @a logon_id, which is released with its children.
 * Any other object needs a @a parent of the same logon.  @a data is
 * reparented to the object.
 *
 * @return the object, or NULL when the table is full (or out of memory)
 */
struct emsmdb_object *emsmdb_object_new(struct emsmdb_object_table *table,
					struct emsmdb_object *parent,
					enum emsmdb_object_type type,
					uint8_t logon_id, void *data);

/**
 * @brief Find the object of @a handle that belongs to logon @a logon_id,
 * or NULL.
 */
struct emsmdb_object *emsmdb_object_find(struct emsmdb_object_table *table,
					 uint32_t handle, uint8_t logon_id);

/** @brief The logon object of @a logon_id, or NULL. */
struct emsmdb_object *emsmdb_object_logon(struct emsmdb_object_table *table,
					  uint8_t logon_id);

/** @brief Release an object and every object opened through it. */
void emsmdb_object_release(struct emsmdb_object *object);

/** @brief Number of live objects. */
uint32_t emsmdb_object_count(const struct emsmdb_object_table *table);

struct emsmdb_rop_call;

/** What the engine gives a handler: the session's objects and state. */
struct emsmdb_rop_env {
	/** The session's objects. */
	struct emsmdb_object_table *objects;
	/** struct emsmdb_session * (NULL in unit tests). */
	void *session;
	/** Called when a ROP has created a Server object (NULL: none). */
	void (*object_created)(struct emsmdb_rop_env *env,
			       struct emsmdb_object *object);
	/** Called after each ROP that succeeded (NULL: none). */
	void (*rop_done)(struct emsmdb_rop_env *env,
			 const struct emsmdb_rop_call *call);
	/**
	 * Responses appended after those of the buffer's ROPs, within
	 * @a room bytes (NULL: none): RopNotify and RopPending (MS-OXCNOTIF
	 * 3.1.5.5).  Not called when the buffer ends with RopBufferTooSmall.
	 */
	enum MAPISTATUS (*tail)(struct emsmdb_rop_env *env,
				TALLOC_CTX *mem_ctx, size_t room,
				DATA_BLOB *out);
};

/** One ROP being processed. */
struct emsmdb_rop_call {
	TALLOC_CTX *mem_ctx;			/**< freed after this ROP */
	struct emsmdb_rop_env *env;		/**< session */
	const struct RopRequest *request;	/**< the decoded request */
	struct RopResponse *response;		/**< RopId preset; handler
						     fills Body on success */
	struct emsmdb_object *input;		/**< resolved input object,
						     NULL for RopLogon */
	struct emsmdb_object *output;		/**< set by
						     emsmdb_rop_new_object() */
	const void *request_extra;		/**< what a def's pull
						     parsed beyond request */
	const uint32_t *handles;		/**< the Server object handle
						     table of the buffer */
	uint32_t handle_count;			/**< its entries */
	size_t out_room;			/**< bytes left for
						     responses */
	/** Set by a handler whose failure response carries more than
	 *  ReturnValue (PartialCompletion, DestHandleIndex, warnings):
	 *  the engine then keeps the Body the handler filled. */
	bool keep_body;
	/** Set by a handler that changed state its response reports
	 *  (a stream's seek pointer): called if the response does not fit
	 *  and the ROP goes back to the client in RopBufferTooSmall, to be
	 *  sent again (MS-OXCROPS 3.2.5.2). */
	void (*discard)(void *priv);
	void *discard_priv;
};

/**
 * @brief The object at another handle index of the current ROP (e.g. the
 * DestHandleIndex of the move/copy ROPs, MS-OXCROPS 2.2.4.6-2.2.4.8),
 * belonging to the ROP's logon; NULL when the index is outside the table
 * or names no object (the ROP answers ecDstNullObject then).
 */
struct emsmdb_object *emsmdb_rop_object_at(struct emsmdb_rop_call *call,
					   uint32_t index);

/** A ROP handler: MAPI_E_SUCCESS or the ROP's ReturnValue. */
typedef enum MAPISTATUS (*emsmdb_rop_handler)(struct emsmdb_rop_call *call);

/**
 * Parser of a request whose layout depends on its logon (MS-OXCROPS
 * 2.2.1: e.g. RopWritePerUserInformation): pulls the fields after RopId,
 * LogonId and the handle index into @a req, and anything the generated
 * request has no room for into @a extra (on @a mem_ctx).
 */
typedef enum ndr_err_code (*emsmdb_rop_pull)(struct ndr_pull *pull,
					     struct emsmdb_rop_env *env,
					     TALLOC_CTX *mem_ctx,
					     struct RopRequest *req,
					     const void **extra);

/** The ROP has no response (RopRelease, MS-OXCROPS 2.2.15.3). */
#define EMSMDB_ROP_NO_RESPONSE 0x01

/**
 * The ROP is a folder ROP of MS-OXCFOLD: called on an object that is not
 * a Folder object it answers ecNotSupported (MS-OXCFOLD 3.2.5.2 -
 * 3.2.5.14, e.g. R495, R509, R625), not MAPI_E_INVALID_OBJECT.
 */
#define EMSMDB_ROP_FOLDER_INPUT 0x02

/** One entry of the dispatch table. */
struct emsmdb_rop_def {
	uint8_t rop_id;			/**< RopId */
	emsmdb_rop_handler handler;	/**< implementation */
	uint32_t input_types;		/**< EMSMDB_OBJECT_BIT()s accepted
					     as input (ignored by RopLogon) */
	uint32_t flags;			/**< EMSMDB_ROP_* */
	emsmdb_rop_pull pull;		/**< NULL: the generated parser */
};

/** @brief The handler of @a rop_id, or NULL if it has none yet. */
const struct emsmdb_rop_def *emsmdb_rop_def_find(uint8_t rop_id);

/**
 * @brief Whether the request of @a rop_id names an output handle index
 * (the byte after InputHandleIndex; for RopLogon, the third byte).
 */
bool emsmdb_rop_has_output_handle(uint8_t rop_id);

/**
 * @brief Create the output object of the current ROP (a child of
 * @a parent, or a logon when @a type is EMSMDB_OBJECT_LOGON).
 *
 * @return the object, or NULL: answer MAPI_E_NOT_ENOUGH_RESOURCES
 */
struct emsmdb_object *emsmdb_rop_new_object(struct emsmdb_rop_call *call,
					    struct emsmdb_object *parent,
					    enum emsmdb_object_type type,
					    void *data);

/**
 * @brief Set the generic part of a response: RopId, the handle index and
 * ReturnValue (every ROP response starts with them, MS-OXCROPS 2.2), and
 * zero the rest, which gives the ROP's failure response when
 * @a return_value is an error.
 */
void emsmdb_rop_error_response(struct RopResponse *response, uint8_t rop_id,
			       uint8_t handle_index,
			       enum MAPISTATUS return_value);

/**
 * @brief Process one ROP input buffer (MS-OXCROPS 2.2.1) and build the ROP
 * output buffer.
 *
 * @param out_limit	largest ROP output buffer allowed (the payload of
 *			one extended buffer); responses that do not fit end
 *			with RopBufferTooSmall (MS-OXCROPS 2.2.15.1)
 * @return MAPI_E_SUCCESS; ecRpcFormat when the ROP requests cannot be
 *	   parsed (MS-OXCROPS 3.2.5.1); ecBufferTooSmall when not even
 *	   RopBufferTooSmall fits in @a out_limit; MAPI_E_NOT_ENOUGH_MEMORY
 */
enum MAPISTATUS emsmdb_rop_process(TALLOC_CTX *mem_ctx,
				   struct emsmdb_rop_env *env,
				   const DATA_BLOB *in, size_t out_limit,
				   DATA_BLOB *out);

#endif /* EMSMDB_ROP_H */
