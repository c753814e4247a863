// Package engine is slbfake's state machine: the whole fake world held in
// hashicorp/go-memdb, and one method per API call.
//
// Every mutating call follows one discipline: open a write transaction,
// defer its Abort, validate and write through lowercase xxxTxn helpers that
// never commit, then Commit once. A call that returns an error has committed
// nothing, so the state is exactly what it was. Reads run on a read
// transaction, a consistent snapshot that never sees half a call.
//
// A call writes only what it changes: one that changes nothing (a replayed
// ClientToken, Remove of servers that are not attached, Set to the current
// values) writes nothing, so change tracking (Store.Tracked) reports none and
// the fake records the call as not applied. A dry run (Store.dryRun) runs the
// call's checks and writes in a transaction that is always aborted, on a view
// that draws no ID. An idempotent create records its ClientToken in the same
// transaction as what it creates (idempotency.go).
//
// Records are stored by pointer (see model's resource types): never change a
// record after inserting it; insert an updated copy instead.
//
// The engine knows nothing of RequestIds, recording, faults or the wire: the
// fake package adds those around it.
package engine
