"""The DuckDB store: one connection per process, one writer thread, versioned schema.

* Readers take a fresh cursor (a DuckDB connection that shares the database
  instance) for each query, so threads never share a cursor.
* Every write is a job (a function of a cursor) handed to one writer thread. The
  writer takes all jobs that are waiting and commits them in one transaction
  (group commit). ``write()`` returns only after the commit that holds the job, so
  "confirmed" means "in the WAL on disk". If one job of a batch fails, the batch is
  rolled back and its jobs are run again one by one, so a bad job cannot take good
  ones down with it.
* A job may also be one item of a *bulk* kind (``write_bulk``): consecutive waiting
  items of the same kind are handed to their handler together, which checks and
  writes them with a few set-based statements instead of a few statements each. In
  a hall where hundreds press "Gem" at once, the statements per save, not the
  commits, were what the writer spent its time on. The handler refuses an item by
  returning an exception in its place; that item writes nothing and the others are
  committed. Order is kept: a bulk group never jumps over another job. A handler
  also gets a memo of its own for facts it read in earlier transactions (the rules a
  save is checked against); the writer empties every memo when any other job runs
  and when a transaction is rolled back. Only this writer writes the file, so between
  those moments what a memo holds is what the database holds.
* DuckDB's database instance keeps a little memory for good with every write
  transaction (about a kilobyte, more with every statement in it; measured with
  DuckDB 2.0: it stays through checkpoints and dropped tables and is freed only when
  the instance closes). A server that commits a few thousand transactions a round
  would grow all day. So after ``refresh_after`` commits the writer, at the first
  moment when no write has come for ``quiet`` seconds, waits for running reads to
  finish, closes the database (a checkpoint) and opens it again: 60-80 ms measured,
  in which saves queue and reads wait, in a pause of the hall rather than in a burst.
* The schema is versioned in ``schema_version``; ``migrate`` upgrades an older file
  in one transaction and refuses a file written by a newer app. A file on disk is
  upgraded in a copy that replaces it only when complete (``vision.store.upgrade``).
* A write the disk refuses (full, read-only) is never confirmed: its callers get
  :class:`StoreWriteError`, ``Store.health`` records the spell for the organiser's
  alarm, and a database instance that DuckDB invalidated after a failed checkpoint is
  opened again (``vision.store.health``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import defaultdict
from contextlib import contextmanager
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, TypeVar

import duckdb

from vision import config
from vision.store.health import StoreWriteError, WriteHealth, invalidates, is_write_failure
from vision.store.upgrade import current_version, migrate  # noqa: F401 - the store's schema, re-exported

log = logging.getLogger(__name__)
T = TypeVar("T")

_HERE = Path(__file__).parent
MIGRATIONS: list[Path] = sorted(_HERE.glob("schema_v*.sql"), key=lambda p: int(p.stem.removeprefix("schema_v")))
"""schema_v1.sql, schema_v2.sql, …: version N is the file numbered N, applied in order."""
SCHEMA_VERSION = len(MIGRATIONS)
DEFAULT_DB = Path("data") / "visionsdag.duckdb"
MAX_BATCH = 512
REFRESH_AFTER = 500         # commits between two fresh database instances (see above)
REFRESH_QUIET = 5.0         # seconds without a write before the writer refreshes


class SchemaTooNewError(RuntimeError):
    """The file was written by a newer version of the app."""


def held_by_another_process(exc: BaseException) -> bool:
    """Whether opening the file failed because another process holds it (DuckDB lets one
    process open a file)."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def db_path_from_env() -> Path:
    return config.db_path()


BulkHandler = Callable[[duckdb.DuckDBPyConnection, list, dict], list]
"""``handler(cursor, items, memo)`` writes the items it accepts and returns, in the
items' order, each one's result, or the exception that refuses it (nothing of it
written). ``memo`` is the handler's own dict, kept between transactions until another
kind of write runs or a transaction is rolled back."""


@dataclass
class _Job:
    fn: Callable[[duckdb.DuckDBPyConnection], Any] | None   # None for a bulk item
    event_id: int | None
    future: Future = field(default_factory=Future)
    bulk: BulkHandler | None = None
    item: Any = None




_STOP = object()


class Store:
    """Owns the database file for this process."""

    def __init__(self, path: str | Path, *, migrate_schema: bool = True,
                 refresh_after: int | None = REFRESH_AFTER, quiet: float = REFRESH_QUIET):
        self.path = Path(path)
        in_memory = str(path) == ":memory:"
        if not in_memory:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        if migrate_schema and not in_memory:
            from vision.store.upgrade import connect_upgraded
            self._con = connect_upgraded(self.path)
        else:
            self._con = duckdb.connect(str(path))
        self.health = WriteHealth()
        self._reopen_needed = False
        # A database in memory would lose everything when closed: never refreshed.
        self._refresh_after = None if in_memory else refresh_after
        self._quiet = quiet
        self._gate = threading.Condition()     # readers against a refresh
        self._readers = 0
        self._refreshing = False
        self._commits_at_refresh = 0
        self.refreshes = 0
        if migrate_schema:
            # On a cursor that is closed afterwards: a statement on the connection itself
            # whose result is left open keeps its transaction open, and while any
            # transaction is open DuckDB can neither checkpoint nor free the old versions
            # of updated rows (each round opened or closed kept ~0.25 MB for good).
            with self._con.cursor() as cur:
                migrate(cur)
        self._queue: queue.Queue = queue.Queue()
        self._versions: dict[int | None, int] = defaultdict(int)
        self._versions_lock = threading.Lock()
        self._memos: dict[BulkHandler, dict] = defaultdict(dict)   # the writer's alone
        self.commits = 0
        self.jobs_committed = 0
        self.busy_seconds = 0.0   # the writer's time in transactions (for the load benchmark)
        self._closed = False
        self._writer = threading.Thread(target=self._write_loop, name="visionsdag-writer", daemon=True)
        self._writer.start()

    # -- reading -----------------------------------------------------------------
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for a tool's or a test's short use, outside the refresh's watch:
        a refresh may close it under its user. Close it, or use ``with``. The app reads with :meth:`read`."""
        return self._con.cursor()

    @contextmanager
    def _reading(self):
        """A cursor of its own for one read; a refresh waits until it is closed."""
        with self._gate:
            while self._refreshing:
                self._gate.wait()
            self._readers += 1
        try:
            with self._con.cursor() as cur:
                yield cur
        finally:
            with self._gate:
                self._readers -= 1
                if not self._readers:
                    self._gate.notify_all()

    def read(self, fn: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """Run ``fn(cursor)`` with a cursor of its own (a consistent snapshot)."""
        with self._reading() as cur:
            return fn(cur)

    def query(self, sql: str, params: list | tuple | None = None) -> list[tuple]:
        with self._reading() as cur:
            return cur.execute(sql, params or []).fetchall()

    def query_one(self, sql: str, params: list | tuple | None = None) -> tuple | None:
        with self._reading() as cur:
            return cur.execute(sql, params or []).fetchone()

    def query_df(self, sql: str, params: list | tuple | None = None):
        with self._reading() as cur:
            return cur.execute(sql, params or []).df()

    @property
    def waiting(self) -> int:
        """Write jobs queued for the writer and not yet taken."""
        return self._queue.qsize()

    def version(self, event_id: int | None) -> int:
        """A counter that grows with every committed write for ``event_id``."""
        with self._versions_lock:
            return self._versions[event_id] + self._versions[None]

    # -- writing -----------------------------------------------------------------
    def write(self, fn: Callable[[duckdb.DuckDBPyConnection], T], *, event_id: int | None = None,
              timeout: float | None = 60.0) -> T:
        """Run ``fn(cursor)`` in a committed transaction and return its result.

        Returns only after the commit. Exceptions raised by ``fn`` (or by the
        database's own rules) are raised here, and nothing of that job is written.
        """
        return self._submit(_Job(fn, event_id), timeout)

    def write_bulk(self, handler: BulkHandler, item: Any, *, event_id: int | None = None,
                   timeout: float | None = 60.0) -> Any:
        """Like :meth:`write` for one item of a bulk kind: the writer may hand it to
        ``handler`` together with other waiting items of the same handler. Returns the
        item's result or raises the exception the handler gave for it."""
        return self._submit(_Job(None, event_id, bulk=handler, item=item), timeout)

    def submit_bulk(self, handler: BulkHandler, item: Any, *, event_id: int | None = None) -> Future:
        """Queue one item of a bulk kind and return at once: the future gets the item's
        result after its commit, or the exception that refused it. For callers that must
        not block while they wait (an ``async`` request handler)."""
        return self._enqueue(_Job(None, event_id, bulk=handler, item=item))

    def _submit(self, job: _Job, timeout: float | None):
        return self._enqueue(job).result(timeout=timeout)

    def _enqueue(self, job: _Job) -> Future:
        if self._closed:
            raise RuntimeError("store is closed")
        self._queue.put(job)
        return job.future

    def _write_loop(self) -> None:
        cur = self._con.cursor()
        while True:
            due = self._refresh_after is not None and self.commits - self._commits_at_refresh >= self._refresh_after
            try:
                first = self._queue.get(timeout=self._quiet if due else None)
            except queue.Empty:
                cur = self._refresh(cur)
                continue
            if first is _STOP:
                break
            batch = [first]
            stop_after = False
            while len(batch) < MAX_BATCH:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is _STOP:
                    stop_after = True
                    break
                batch.append(nxt)
            started = time.perf_counter()
            if self._reopen_needed:
                cur = self._reopen(cur)
            self._run_batch(cur, batch)
            self.busy_seconds += time.perf_counter() - started
            if self._reopen_needed:
                cur = self._reopen(cur)
            if stop_after:
                break
        cur.close()

    def _refresh(self, cur: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        """Close the database and open it again (see the module's doc), once the reads
        that are running have finished. Reads that start meanwhile wait; if the running
        ones take longer than a second (one of them may be waiting for a write), the
        refresh gives way and is tried at the next quiet moment."""
        with self._gate:
            self._refreshing = True
            try:
                deadline = time.monotonic() + 1.0
                while self._readers:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return cur
                    self._gate.wait(left)
                started = time.perf_counter()
                cur.close()
                try:
                    self._con.close()      # a checkpoint: the disk may refuse it
                except duckdb.Error as exc:
                    self._disk_refused(exc, 0)
                self._con = self._reconnect()
                log.info("database refreshed after %d commits in %.0f ms", self.commits - self._commits_at_refresh,
                         (time.perf_counter() - started) * 1000)
                self._commits_at_refresh = self.commits
                self.refreshes += 1
            finally:
                self._refreshing = False
                self._gate.notify_all()
        self._memos.clear()
        return self._con.cursor()

    def _reopen(self, cur: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        """Open the database again after DuckDB invalidated it (a checkpoint the disk
        refused): every statement on the old instance fails, reads too, so running reads
        need not be waited for. Measured: a full disk does not keep the file from opening."""
        with self._gate:
            self._refreshing = True
            try:
                for closing in (cur, self._con):
                    try:
                        closing.close()
                    except duckdb.Error:
                        pass
                self._con = self._reconnect()
                self._reopen_needed = False
                log.warning("database %s opened again after a write failure", self.path)
            finally:
                self._refreshing = False
                self._gate.notify_all()
        self._memos.clear()
        return self._con.cursor()

    def _disk_refused(self, exc: BaseException, jobs: int) -> None:
        """Record a write the disk refused; one log line when a failing spell starts."""
        if invalidates(exc):
            self._reopen_needed = True
        if self.health.failed(exc, jobs):
            log.error("writes to %s fail, saves are refused until they succeed again: %s", self.path,
                      self.health.state().reason)

    def _reconnect(self) -> duckdb.DuckDBPyConnection:
        """Open the file again. Nothing else may open it while the server holds it, so a
        failure is passing; without the file the app cannot answer anyway."""
        attempt = 0
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.Error:
                if attempt % 20 == 0:
                    log.exception("could not open the database again; trying again")
                attempt += 1
                time.sleep(0.5)

    def _run_batch(self, cur: duckdb.DuckDBPyConnection, batch: list[_Job]) -> None:
        if len(batch) > 1:
            results = self._try_transaction(cur, batch)
            if not isinstance(results, BaseException):
                self._finish(batch, results)
                return
            if is_write_failure(results):       # the disk, not a job: each alone would fail too
                self._refuse(batch, results)
                return
        # One by one: a single job, or a batch in which something failed.
        for i, job in enumerate(batch):
            if self._reopen_needed:             # a job invalidated the instance: the rest cannot run on it
                self._refuse(batch[i:], StoreWriteError("the database must be opened again"))
                return
            results = self._try_transaction(cur, [job])
            if isinstance(results, BaseException):
                if is_write_failure(results):
                    self._refuse([job], results)
                else:
                    job.future.set_exception(results)
            else:
                self._finish([job], results)

    def _refuse(self, jobs: list[_Job], exc: BaseException) -> None:
        """The disk refused these jobs: none of them is written, each caller is told."""
        self._disk_refused(exc, len(jobs))
        for job in jobs:
            job.future.set_exception(StoreWriteError(str(exc).strip().splitlines()[0] if str(exc).strip() else
                                                     type(exc).__name__))

    def _run_jobs(self, cur, jobs: list[_Job]) -> list[Any]:
        """Run the jobs in order; consecutive items of one bulk kind run together.
        A bulk item's result may be the exception that refused it."""
        results: list[Any] = []
        i = 0
        while i < len(jobs):
            job = jobs[i]
            if job.bulk is None:
                self._memos.clear()       # it may change what the memos hold
                results.append(job.fn(cur))
                i += 1
                continue
            j = i + 1
            while j < len(jobs) and jobs[j].bulk is job.bulk:
                j += 1
            group = job.bulk(cur, [x.item for x in jobs[i:j]], self._memos[job.bulk])
            if len(group) != j - i:
                raise RuntimeError("bulk handler returned the wrong number of results")
            results.extend(group)
            i = j
        return results

    def _try_transaction(self, cur, jobs: list[_Job]):
        """The jobs' results after their commit, or the exception that rolled them back."""
        attempts = 0
        while True:
            attempts += 1
            try:
                cur.execute("BEGIN TRANSACTION")
                results = self._run_jobs(cur, jobs)
                cur.execute("COMMIT")
                return results
            except duckdb.TransactionException as exc:
                self._rollback(cur)
                if attempts < 5 and not is_write_failure(exc):
                    time.sleep(0.01 * attempts)
                    continue
                if not is_write_failure(exc):
                    log.error("write failed after %d attempts: %s", attempts, exc)
                return exc
            except Exception as exc:  # noqa: BLE001 - handed to the caller's future
                self._rollback(cur)
                return exc

    def _rollback(self, cur) -> None:
        self._memos.clear()               # they may hold what was read in this transaction
        try:
            cur.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def _finish(self, batch: list[_Job], results: list[Any]) -> None:
        done = [(job, r) for job, r in zip(batch, results) if not isinstance(r, BaseException)]
        refused = self.health.succeeded()
        if refused:
            log.warning("writes to %s succeed again (%d refused meanwhile)", self.path, refused)
        self.commits += 1
        self.jobs_committed += len(done)
        with self._versions_lock:
            for job, _ in done:
                self._versions[job.event_id] += 1
        for job, result in zip(batch, results):
            if isinstance(result, BaseException):
                job.future.set_exception(result)
            else:
                job.future.set_result(result)

    # -- lifecycle ---------------------------------------------------------------
    def backup_to(self, directory: str | Path) -> Path:
        """Write a consistent copy of the whole database (``vision.store.backup``)."""
        from vision.store.backup import export_to
        with self._reading() as cur:
            return export_to(cur, directory)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        self._writer.join(timeout=30)
        try:
            self._con.execute("CHECKPOINT")
        except duckdb.Error:
            pass
        self._con.close()

