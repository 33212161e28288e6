"""Validating a ledger file and writing it, in bulk, in one transaction.

Rows are read and handled in chunks (a million-row file never sits in memory at once):
each chunk is validated in Python, matched against the ledger with a few set-based
queries, and written with bulk inserts (COPY on PostgreSQL, see `bulkwrite`). Three
things run at once on a big file: a forked helper parses the next chunk, this process
plans the current one, and (on PostgreSQL) a helper thread writes the previous one
(docs/benchmarks-ledger.md, run 6). Everything happens inside one transaction that holds
the city's import lock; at the end the transaction is committed only if the run is not a
dry run and either no row was invalid or `skip_invalid` was asked for. So a dry run and a
refused all-or-nothing import give the exact counts a real run would, and leave nothing
behind."""

import contextlib
import datetime
import functools
import itertools
import multiprocessing
import operator
import pickle
import queue
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jiuye.accounts.audit import record_event
from jiuye.geo.enums import RegionLevel
from jiuye.geo.models import Region
from jiuye.geo.search import AreaNames, AreaNotFound, resolve_area
from jiuye.lib import crypto
from jiuye.lib.idnumbers import mask_id_number
from jiuye.people.enums import (
    Relation,
    SpellSource,
    place_contradicts_status,
    status_for_place,
)
from jiuye.people.importing import normalise as n
from jiuye.people.importing.bulkwrite import (
    IdAllocator,
    copy_rows,
    copy_statement,
    insert_rows,
    is_postgresql,
)
from jiuye.people.importing.columns import COLUMNS, map_headers, missing_required
from jiuye.people.models import EmploymentSpell, GroupMembership, Household, Person

CHUNK_ROWS = 20_000
LOOKUP_BATCH = 2_000  # parameters per IN (...) on databases without arrays
_INHERITED: list = []  # a forked parser's copies of the parent's connections, never used


@dataclass
class Problem:
    row: int  # the spreadsheet's row number; the header is row 1
    column: str
    value: str
    reason: str


@dataclass
class ImportResult:
    rows: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    written: bool = False
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


class _Rollback(Exception):
    pass


_OCCUPATION_CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")


def _cached(parser):
    """Cells repeat (statuses, groups, dates, places): parse each distinct value once."""
    return functools.lru_cache(maxsize=65536)(parser)


PARSERS = {
    "phone": n.parse_phone,
    "region_code": _cached(n.parse_region_code),
    "relation": _cached(n.parse_relation),
    "groups": _cached(lambda value: tuple(n.parse_groups(value))),
    "education": _cached(n.parse_education),
    "employment_status": _cached(n.parse_status),
    "work_region_code": _cached(n.parse_region_code),
    "monthly_income": _cached(n.parse_income),
    "status_since": _cached(n.parse_date),
}


NAMED = "name:"  # a place of work written by name, until `_check_places` resolves it


def _place_code(value: object) -> str:
    """A place of work's code, or its name marked `NAMED` when it is not written in digits."""
    text = n.clean_text(value)
    if text and not text.isdigit():
        return NAMED + text
    return PARSERS["work_region_code"](value)


def _settle_status_by_place(row: "_Row", place_cell: object, status_cell: object) -> list[tuple]:
    """Give 外出务工 and the like (working away, how far unsaid) their status from the
    place of work; return (column, value, reason) for a status and a place that do not go
    together."""
    if row.status == n.AWAY:
        if not row.work_region:
            reason = _(
                "Give the place of work: it tells whether %(status)s is in the home county, "
                "elsewhere in the province or outside it."
            ) % {"status": n.clean_text(status_cell)}
            return [("work_region_code", "", reason)]
        if not row.region:
            return []  # the row is refused for its area already
        row.status = status_for_place(row.work_region, row.region)
    contradiction = place_contradicts_status(row.status, row.work_region, row.region)
    return [("work_region_code", place_cell, contradiction)] if contradiction else []


class OccupationResolver:
    """A 2022 code as it stands, or free text through the job-title coder when it is
    installed, else by exact name or alias. Returns (code, original text)."""

    def __init__(self):
        from jiuye.occupations.models import Occupation

        self.codes = set(Occupation.objects.values_list("code", flat=True))
        self.names: dict[str, str] = {}
        for code, name, aliases in Occupation.objects.filter(level=4).values_list(
            "code", "name", "aliases"
        ):
            for word in [name, *aliases.split("、")]:
                if word:
                    self.names.setdefault(n.clean_text(word), code)
        try:
            from jiuye.occupations.coder import code_title
        except ImportError:
            code_title = None
        self.code_title = code_title
        self.cache: dict[str, tuple[str, str]] = {}

    def __call__(self, value: object) -> tuple[str, str]:
        text = n.clean_name(value)
        if not text:
            return "", ""
        if text in self.cache:
            return self.cache[text]
        compact = n.clean_text(text)
        if _OCCUPATION_CODE.match(compact):
            if compact not in self.codes:
                raise n.CellError(_("There is no occupation with this code."))
            result = (compact, "")
        else:
            code = self.names.get(compact, "")
            if not code and self.code_title is not None:
                coded = self.code_title(text)
                code = coded.code if coded is not None else ""
            result = (code, text[:100])
        self.cache[text] = result
        return result


@dataclass(slots=True)
class _Row:
    line: int
    number: str
    name: str
    phone: str
    region: str
    household: str
    relation: str
    groups: list
    education: str
    status: str
    work_region: str
    employer: str
    occupation: str
    occupation_text: str
    income: int | None
    since: datetime.date | None
    hash: object = b""  # the keyed hash of the number; once matched, the person's id
    number_hash: bytes = b""
    encrypted: bytes = b""


@dataclass(slots=True)
class _Lookup:
    rows: list[_Row]
    existing: dict[bytes, tuple]  # keyed hash -> the person's columns
    spells: dict[int, list]  # existing person -> their spells
    open_groups: dict[int, list]  # existing person -> their open memberships


@dataclass(slots=True)
class _Writes:
    updates: dict[tuple, list]  # changed fields -> people
    closes: list
    copies: list[tuple]  # (model, columns, rows), in this order


class _Writer:
    """Writes a chunk's new rows. On PostgreSQL a helper thread runs the `COPY`s on the
    import's own connection (the same transaction) while the importing thread plans the
    next chunk; the importing thread does not touch the connection until `wait()` has
    returned. Elsewhere (SQLite) the rows are written at once."""

    def __init__(self):
        self.background = is_postgresql()
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def start(self, copies: list[tuple]) -> None:
        if not self.background:
            for model, columns, rows in copies:
                insert_rows(model, columns, rows)
            return
        statements = [(copy_statement(model, columns), rows) for model, columns, rows in copies]
        connection.ensure_connection()
        raw = connection.connection

        def write():
            try:
                for statement, rows in statements:
                    copy_rows(raw, statement, rows)
            except BaseException as exc:  # raised by wait(), in the importing thread
                self.error = exc

        self.thread = threading.Thread(target=write, name="ledger-write", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.error is not None:
            error, self.error = self.error, None
            with connection.wrap_database_errors:  # psycopg's errors as Django's
                raise error

    def abandon(self) -> None:
        """Waits for the writing to end, without raising its error: called when the import
        stops on an error of its own, which rolls back whatever was written anyway."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None


class LedgerImport:
    def __init__(
        self,
        *,
        area_code: str,
        by=None,
        dry_run: bool = False,
        skip_invalid: bool = False,
        today: datetime.date | None = None,
        progress: Callable[[ImportResult], None] | None = None,
    ):
        self.area = area_code
        self.by = by
        self.dry_run = dry_run
        self.skip_invalid = skip_invalid
        self.today = today or timezone.localdate()
        self.progress = progress
        self.result = ImportResult(dry_run=dry_run)

    # -- entry point ------------------------------------------------------------------

    def run(self, rows: Iterable[list[object]]) -> ImportResult:
        rows = iter(rows)
        headers = next(rows, None)
        if headers is None:
            self._problem(1, "", "", _("The file is empty."))
            return self.result
        self.columns, _unknown = map_headers(list(headers))
        missing = missing_required(self.columns)
        if missing:
            for column in missing:
                self._problem(
                    1,
                    column.name,
                    "",
                    _("The column “%(name)s” is missing.") % {"name": column.chinese},
                )
            return self.result
        try:
            with transaction.atomic():
                self._prepare()
                with contextlib.closing(self._parsed_chunks(rows)) as chunks:
                    self._write_pipelined(chunks)
                self._finish()
                if self.dry_run or (self.result.rejected and not self.skip_invalid):
                    raise _Rollback
                self.result.written = True
                # Imports run from the command have no user: the event says so by its
                # empty actor, but the change is on record all the same.
                record_event(
                    actor=self.by,
                    action="person.import",
                    area_code=self.area,
                    changes=self.result.counts,
                )
        except _Rollback:
            self.result.written = False
        except IntegrityError:
            self.result.written = False
            self._problem(
                0,
                "",
                "",
                _(
                    "Another change to the same people was saved while this file was being "
                    "imported; nothing was written. Please import the file again."
                ),
            )
        return self.result

    # -- setup ------------------------------------------------------------------------

    def _prepare(self) -> None:
        # The city's import lock: a no-op write to the city's region row. PostgreSQL keeps
        # the row locked until commit, so imports within one city run one after another;
        # SQLite's IMMEDIATE transactions already serialise writers.
        lock_code = self.area[:4] if len(self.area) >= 4 else self.area
        Region.objects.filter(code=lock_code).update(name=F("name"))
        self.home_codes = set(Region.objects.within(self.area).values_list("code", flat=True))
        # A township or village may be written by name (下良屯村, 安阳镇下良屯村) instead of
        # its code; a place of work too (深圳宝安, 广东省深圳市宝安区), resolved in `_check_places`.
        self.home_names = AreaNames(self.area, min_level=RegionLevel.TOWNSHIP)
        self.home_named: dict[str, str | n.CellError] = {}  # a name -> its code, or why not
        self.place_names: dict[str, str | Exception] = {}
        self.known_codes: dict[str, bool] = {}
        self.occupations = OccupationResolver()
        self.seen: dict[int, int] = {}  # first 17 digits of an ID number -> line
        self.households: dict[str, tuple[int, str, int | None]] = {}  # number -> id, region, head
        self.head_updates: dict[int, int] = {}
        self.person_ids = IdAllocator(Person)
        self.household_ids = IdAllocator(Household)
        self.now = timezone.now()

    def _home_region(self, value: object) -> str:
        """A household registration area: its code, or the name of a township or village
        in the importer's area."""
        text = n.clean_text(value)
        if not text or text.isdigit():
            return PARSERS["region_code"](value)
        found = self.home_named.get(text)
        if found is None:
            try:
                found = self.home_names.resolve(text)
            except AreaNotFound as exc:
                found = n.CellError(str(exc))
            self.home_named[text] = found
        if isinstance(found, n.CellError):
            raise found
        return found

    def _problem(self, line: int, column: str, value: object, reason, into=None) -> None:
        text = str(value or "")[:100]
        if column == "id_number" and "*" not in text:
            # Even a mistyped number is someone's: reports and stored jobs keep it masked.
            text = mask_id_number(n.clean_text(text))
        (into or self.result).problems.append(Problem(line, column, text, str(reason)))

    # -- reading and parsing, ahead of the writing ---------------------------------------

    def _parsed_chunks(self, rows):
        """Chunks of parsed rows, as (counts and problems, valid rows), in file order.

        A file of one chunk is parsed here. A bigger one is read and parsed (validation,
        the keyed hash, the encryption: pure Python, no database) one chunk ahead in a
        forked helper process, while this process matches and writes the previous chunk:
        the parser then has a core of its own instead of sharing this process's
        interpreter lock, and the database server the other. Where `fork` is missing (or in
        a daemonic process, which may have no children), a helper thread does the same
        with the lock shared. Any error the helper meets is raised here."""
        numbered = enumerate(rows, start=2)
        smallest = max(CHUNK_ROWS // 16, 1)
        first = list(itertools.islice(numbered, smallest + 1))
        if len(first) <= smallest:
            yield self._parse_chunk(first)
            return
        chunks = self._chunks(itertools.chain(first, numbered), smallest)
        forkable = "fork" in multiprocessing.get_all_start_methods()
        if forkable and not multiprocessing.current_process().daemon:  # daemons have no children
            yield from self._parsed_in_process(chunks)
        else:
            yield from self._parsed_in_thread(chunks)

    @staticmethod
    def _chunks(numbered, size: int):
        """Chunks that double in size up to CHUNK_ROWS: the writing starts on a small first
        chunk instead of waiting for a whole one to be parsed, and from then on the
        helper's next chunk is ready before this process has written the current one."""
        while chunk := list(itertools.islice(numbered, size)):
            yield chunk
            size = min(size * 2, CHUNK_ROWS)

    def _parsed_in_process(self, chunks):
        receive, send = multiprocessing.Pipe(duplex=False)
        helper = multiprocessing.get_context("fork").Process(
            target=self._parse_for_parent, args=(chunks, send), name="ledger-parse", daemon=True
        )
        helper.start()
        send.close()
        try:
            while True:
                try:
                    item = pickle.loads(receive.recv_bytes())  # noqa: S301 (our own child)
                except EOFError:
                    raise RuntimeError("the ledger's parsing process ended early") from None
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                out, values = item
                yield out, [_Row(*v) for v in values]
        finally:
            receive.close()
            if helper.is_alive():
                helper.terminate()
            helper.join()

    def _parse_for_parent(self, chunks, send) -> None:
        """The forked helper's work. It shares the parent's open database connection and
        must never touch it: the connection objects are set aside (kept referenced, so
        that nothing closes the parent's session), and any database use here would open a
        connection of its own."""
        from django.db import connections

        for alias in connections:
            handler = connections[alias]
            _INHERITED.append(handler.connection)
            handler.connection = None
        fields = operator.attrgetter(*_Row.__slots__)
        try:
            for chunk in chunks:
                out, valid = self._parse_chunk(chunk)
                send.send_bytes(pickle.dumps((out, [fields(r) for r in valid]), protocol=5))
            send.send_bytes(pickle.dumps(None))
        except BaseException as exc:
            try:
                payload = pickle.dumps(exc)
            except Exception:
                payload = pickle.dumps(RuntimeError(repr(exc)))
            send.send_bytes(payload)
        finally:
            send.close()

    def _parsed_in_thread(self, chunks):
        ready: queue.Queue = queue.Queue(maxsize=2)
        stop = threading.Event()
        language = translation.get_language()

        def put(item) -> bool:
            while not stop.is_set():
                try:
                    ready.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def parse_all():
            try:
                with translation.override(language):
                    for chunk in chunks:
                        if not put(self._parse_chunk(chunk)):
                            return
                put(None)
            except BaseException as exc:  # handed to the importing thread
                put(exc)

        worker = threading.Thread(target=parse_all, name="ledger-parse", daemon=True)
        worker.start()
        try:
            while True:
                item = ready.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            worker.join()

    def _parse_chunk(self, chunk: list[tuple[int, list]]) -> tuple[ImportResult, list]:
        out = ImportResult()
        parse = self._parse
        valid = [row for row in (parse(item, out) for item in chunk) if row is not None]
        return out, valid

    # -- one chunk: looked up, planned, written ----------------------------------------

    def _write_pipelined(self, chunks) -> None:
        """Each chunk is looked up (the database), planned (Python only) and written (the
        database). Chunk N is planned while chunk N-1 is being written, so this process's
        work and the server's overlap: its lookups are made before chunk N-1 is written,
        which is sound because nothing chunk N-1 writes can change them (a person is in
        one chunk only, the in-file duplicates being rejected, and the households a chunk
        creates are known here from its plan), and its ids are reserved then."""
        writer = _Writer()
        pending = None
        try:
            for parsed in chunks:
                writer.wait()
                lookup = self._look_up(parsed)
                if pending is not None:
                    self._write(pending, writer)
                pending = self._plan(lookup)
                if self.progress is not None:
                    self.progress(self.result)
            writer.wait()
            if pending is not None:
                self._write(pending, writer)
            writer.wait()
        finally:
            writer.abandon()

    def _look_up(self, parsed: tuple[ImportResult, list]) -> "_Lookup":
        out, valid = parsed
        self.result.rows += out.rows
        self.result.rejected += out.rejected
        self.result.problems.extend(out.problems)
        rows = self._check_duplicates(self._check_places(valid))
        if not rows:
            return _Lookup(rows, {}, {}, {})
        existing = self._existing_people([r.hash for r in rows])
        self._load_households({r.household for r in rows if r.household})
        existing_ids = [p[0] for p in existing.values()]
        spell_fields = ["pk", "status", "region_id", "employer_name", "occupation_code"]
        spells = self._by_person(
            EmploymentSpell, existing_ids, [*spell_fields, "monthly_income", "start", "end"]
        )
        open_groups = self._by_person(GroupMembership, existing_ids, ["group"], end__isnull=True)
        # Enough ids for every person and household the chunk may create; what its
        # rejected rows leave unused goes to the next chunk.
        unknown = {r.household for r in rows if r.household} - self.households.keys()
        self.household_ids.reserve(len(unknown))
        self.person_ids.reserve(len(rows) - len(existing))
        return _Lookup(rows, existing, spells, open_groups)

    def _parse(self, item: tuple[int, list], out: ImportResult) -> _Row | None:
        line, values = item
        cols = self.columns

        def cell(name):
            index = cols.get(name)
            if index is None or index >= len(values):
                return None
            return values[index]

        if not any(v not in (None, "") and str(v).strip() for v in values):
            return None  # blank line
        out.rows += 1
        problems = []

        def parse(name, parser):
            value = cell(name)
            if value is None or value == "":
                return None
            try:
                return parser(value)
            except n.CellError as exc:
                problems.append((name, value, exc.reason))
                return None

        number = parse("id_number", n.parse_id_number)
        if cell("id_number") in (None, ""):
            problems.append(("id_number", "", _("The ID number is missing.")))
        name = n.clean_name(cell("name"))
        if not name:
            problems.append(("name", "", _("The name is missing.")))
        elif len(name) > 50:
            problems.append(("name", name, _("A name has at most 50 characters.")))
        region = parse("region_code", self._home_region)
        if cell("region_code") in (None, ""):
            problems.append(("region_code", "", _("The area code is missing.")))
        elif region is not None:
            if len(region) not in (9, 12):
                problems.append(
                    (
                        "region_code",
                        cell("region_code"),
                        _("Give the township (9 digits) or village (12 digits) code."),
                    )
                )
            elif region not in self.home_codes:
                problems.append(
                    (
                        "region_code",
                        cell("region_code"),
                        _("This area does not exist or lies outside your area."),
                    )
                )
        occupation = parse("occupation", self.occupations) or ("", "")
        row = _Row(
            line=line,
            number=number or "",
            name=name,
            phone=parse("phone", PARSERS["phone"]) or "",
            region=region or "",
            household=n.clean_text(cell("household_number"))[:32],
            relation=parse("relation", PARSERS["relation"]) or "",
            groups=parse("groups", PARSERS["groups"]) or [],
            education=parse("education", PARSERS["education"]) or "",
            status=parse("employment_status", PARSERS["employment_status"]) or "",
            work_region=parse("work_region_code", _place_code) or "",
            employer=n.clean_name(cell("employer_name"))[:200],
            occupation=occupation[0],
            occupation_text=occupation[1],
            income=parse("monthly_income", PARSERS["monthly_income"]),
            since=parse("status_since", PARSERS["status_since"]),
        )
        if row.since is not None and row.since > self.today:
            problems.append(
                ("status_since", cell("status_since"), _("This date is in the future."))
            )
        if not row.status and (row.work_region or row.employer or row.income is not None):
            problems.append(
                ("employment_status", "", _("Give the employment status for this work."))
            )
        if not row.work_region.startswith(NAMED):  # a named place: once it is resolved
            problems.extend(
                _settle_status_by_place(row, cell("work_region_code"), cell("employment_status"))
            )
        if problems:
            out.rejected += 1
            for column, value, reason in problems:
                self._problem(line, column, value, reason, into=out)
            return None
        row.hash = crypto.keyed_hash(row.number)
        row.encrypted = crypto.encrypt(row.number)
        return row

    def _check_places(self, rows: list[_Row]) -> list[_Row]:
        rows = self._resolve_named_places(rows)
        unknown = {r.work_region for r in rows if r.work_region} - self.known_codes.keys()
        if unknown:
            existing = set(Region.objects.filter(code__in=unknown).values_list("code", flat=True))
            for code in unknown:
                self.known_codes[code] = code in existing
        kept = []
        for row in rows:
            if row.work_region and not self.known_codes[row.work_region]:
                self._reject(
                    row, "work_region_code", row.work_region, _("There is no area with this code.")
                )
            else:
                kept.append(row)
        return kept

    def _resolve_named_places(self, rows: list[_Row]) -> list[_Row]:
        """Places of work written by name get their code (one search per distinct name), then
        the status checks the parser left for them."""
        kept = []
        for row in rows:
            if not row.work_region.startswith(NAMED):
                kept.append(row)
                continue
            text = row.work_region.removeprefix(NAMED)
            if text not in self.place_names:
                try:
                    self.place_names[text] = resolve_area(text).code
                except AreaNotFound as exc:
                    self.place_names[text] = exc
            found = self.place_names[text]
            if isinstance(found, Exception):
                self._reject(row, "work_region_code", text, str(found))
                continue
            row.work_region = found
            # A place is given, so the status's own words are never quoted: "" for them.
            problems = _settle_status_by_place(row, text, "")
            if problems:
                self.result.rejected += 1
                for column, value, reason in problems:
                    self._problem(row.line, column, value, reason)
                continue
            kept.append(row)
        return kept

    def _reject(self, row: _Row, column: str, value: object, reason) -> None:
        self.result.rejected += 1
        self._problem(row.line, column, value, reason)

    def _check_duplicates(self, rows: list[_Row]) -> list[_Row]:
        kept = []
        seen = self.seen
        for row in rows:
            key = int(row.number[:17])
            first = seen.get(key)
            if first is not None:
                self._reject(
                    row,
                    "id_number",
                    mask_id_number(row.number),
                    _("The same ID number is already on row %(row)d.") % {"row": first},
                )
                continue
            seen[key] = row.line
            kept.append(row)
        return kept

    # -- matching against the ledger and writing --------------------------------------

    def _existing_people(self, hashes: list[bytes]) -> dict[bytes, tuple]:
        columns = "id, id_number_hash, name, phone, region_id, education, household_id, relation"
        found = {}
        with connection.cursor() as cursor:
            if is_postgresql():
                cursor.execute(
                    "SELECT " + columns + " FROM people_person "  # noqa: S608 (constant)
                    "WHERE id_number_hash = ANY(%s) ORDER BY id FOR UPDATE",
                    [hashes],  # one bytea[] parameter
                )
                rows = cursor.fetchall()
            else:
                rows = []
                for start in range(0, len(hashes), LOOKUP_BATCH):
                    batch = hashes[start : start + LOOKUP_BATCH]
                    marks = ", ".join(["%s"] * len(batch))
                    cursor.execute(
                        f"SELECT {columns} FROM people_person WHERE id_number_hash IN ({marks})",  # noqa: S608
                        batch,
                    )
                    rows.extend(cursor.fetchall())
        for row in rows:
            found[bytes(row[1])] = row
        return found

    def _load_households(self, numbers: set[str]) -> None:
        missing = [x for x in numbers if x not in self.households]
        for start in range(0, len(missing), LOOKUP_BATCH):
            batch = missing[start : start + LOOKUP_BATCH]
            for pk, number, region, head in Household.objects.filter(number__in=batch).values_list(
                "pk", "number", "region_id", "head_id"
            ):
                self.households[number] = (pk, region, head)

    def _by_person(self, model, person_ids: list[int], fields: list[str], **filters) -> dict:
        grouped: dict[int, list] = {}
        for start in range(0, len(person_ids), LOOKUP_BATCH):
            batch = person_ids[start : start + LOOKUP_BATCH]
            for values in model.objects.filter(person_id__in=batch, **filters).values_list(
                "person_id", *fields
            ):
                grouped.setdefault(values[0], []).append(values[1:])
        return grouped

    def _plan(self, lookup: "_Lookup") -> "_Writes":
        """What a chunk writes, decided from its lookups without touching the database."""
        rows, existing = lookup.rows, lookup.existing
        spells, open_groups = lookup.spells, lookup.open_groups
        new_people: list[_Row] = []
        updates: list[tuple[int, _Row, dict]] = []
        new_spells: list[tuple[_Row, tuple | None, datetime.date]] = []
        new_groups: list[tuple[object, str, str]] = []
        new_households: list[str] = []
        heads: dict[str, _Row] = {}
        for row in rows:
            if row.household:
                known = self.households.get(row.household)
                if known is not None and not self.covers(known[1]):
                    self._reject(
                        row,
                        "household_number",
                        row.household,
                        _("This household belongs to another area."),
                    )
                    continue
            person = existing.get(row.hash)
            if person is None:
                new_people.append(row)
                if row.status:
                    new_spells.append((row, None, row.since or self.today))
                new_groups.extend((row, group, detail) for group, detail in row.groups)
                self.result.new += 1
            else:
                pk, _hash, name, phone, region, education, household_id, relation = person
                if not self.covers(region):
                    self._reject(
                        row,
                        "id_number",
                        mask_id_number(row.number),
                        _("This person is in the ledger of another area."),
                    )
                    continue
                history = sorted(spells.get(pk, []), key=lambda s: (s[6], s[0]))
                current = next((s for s in history if s[7] is None), None)
                spell_change = None
                wanted = (row.status, row.work_region or None, row.employer, row.occupation)
                if row.status and (
                    current is None or current[1:5] != wanted or current[5] != row.income
                ):
                    start = row.since or self.today
                    latest = history[-1][6] if history else None
                    if latest is not None and start <= latest:
                        self._reject(
                            row,
                            "status_since",
                            row.since or "",
                            _(
                                "The ledger already has a status from %(date)s; a new "
                                "status must start after it."
                            )
                            % {"date": latest.isoformat()},
                        )
                        continue
                    spell_change = (row, current, start)
                changes = {}
                for fname, old, new in (
                    ("name", name, row.name),
                    ("phone", phone, row.phone),
                    ("region_id", region, row.region),
                    ("education", education, row.education),
                    ("relation", relation, row.relation),
                ):
                    if new and new != old:
                        changes[fname] = new
                known_id = self.households.get(row.household, (None,))[0]
                if row.household and known_id != household_id:
                    changes["household_id"] = row.household  # an id once allocated
                have = {g[0] for g in open_groups.get(pk, [])}
                added = [(g, d) for g, d in row.groups if g not in have]
                row.hash = pk  # from here on, the person's id
                new_groups.extend((row, g, d) for g, d in added)
                if changes:
                    updates.append((pk, row, changes))
                if spell_change is not None:
                    new_spells.append(spell_change)
                if spell_change is not None or added or changes:
                    self.result.updated += 1
                else:
                    self.result.unchanged += 1
            # The row is accepted: a household it names for the first time is created.
            if row.household and row.household not in self.households:
                self.households[row.household] = (None, row.region, None)
                new_households.append(row.household)
            if row.household and row.relation == Relation.HEAD:
                heads[row.household] = row

        # Ids first: related rows can then point at each other before any is written.
        for number, pk in zip(
            new_households, self.household_ids.take(len(new_households)), strict=True
        ):
            self.households[number] = (pk, self.households[number][1], None)
        for row, pk in zip(new_people, self.person_ids.take(len(new_people)), strict=True):
            row.hash, row.number_hash = pk, row.hash
        head_of = {}
        for number, row in heads.items():
            pk, region, head = self.households[number]
            if head != row.hash:
                head_of[pk] = row.hash
                self.households[number] = (pk, region, row.hash)
        created = set()
        household_rows = []
        for number in new_households:
            pk, region, _head = self.households[number]
            created.add(pk)
            household_rows.append((pk, number, region, head_of.get(pk), "", self.now, self.now))
        self.head_updates.update({k: v for k, v in head_of.items() if k not in created})
        person_rows = [self._person_row(row) for row in new_people]
        closes = []
        spell_rows = []
        for row, current, start in new_spells:
            if current is not None:
                closes.append(EmploymentSpell(pk=current[0], end=start))
            spell_rows.append(
                (
                    row.hash,
                    row.status,
                    row.work_region or None,
                    None,
                    row.employer,
                    row.occupation,
                    row.occupation_text,
                    row.income,
                    start,
                    None,
                    SpellSource.IMPORT,
                    getattr(self.by, "pk", None),
                    self.now,
                )
            )
        # Nothing points at spells or memberships: their ids come from the column default.
        group_rows = [
            (row.hash, group, None, None, detail[:50]) for row, group, detail in new_groups
        ]
        return _Writes(
            updates=self._people_updates(updates),
            closes=closes,
            copies=[
                (Household, HOUSEHOLD_COLUMNS, household_rows),
                (Person, PERSON_COLUMNS, person_rows),
                (EmploymentSpell, SPELL_COLUMNS, spell_rows),
                (GroupMembership, GROUP_COLUMNS, group_rows),
            ],
        )

    def _write(self, writes: "_Writes", writer: "_Writer") -> None:
        """The updates here, then the new rows by the writer (in the background on
        PostgreSQL). A closed spell is closed before the person's next one is written."""
        for names, people in writes.updates.items():
            Person.objects.bulk_update(people, [*names, "updated_at"], batch_size=1000)
        EmploymentSpell.objects.bulk_update(writes.closes, ["end"], batch_size=1000)
        writer.start(writes.copies)

    def _person_row(self, row: _Row) -> tuple:
        number = row.number
        household = self.households[row.household][0] if row.household else None
        return (
            row.hash,
            row.encrypted,
            row.number_hash,
            mask_id_number(number),
            row.name,
            "M" if int(number[16]) % 2 else "F",
            datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
            row.phone,
            row.region,
            None,
            row.education,
            "",
            household,
            row.relation,
            self.now,
            self.now,
        )

    def covers(self, region_code: str) -> bool:
        return bool(region_code) and region_code.startswith(self.area)

    def _people_updates(self, updates: list[tuple[int, _Row, dict]]) -> dict[tuple, list]:
        # One bulk_update per set of changed fields keeps the CASE expressions small.
        by_fields: dict[tuple, list[Person]] = {}
        for pk, _row, changes in updates:
            person = Person(pk=pk, updated_at=self.now)
            for name, value in changes.items():
                if name == "household_id":
                    value = self.households[value][0]
                setattr(person, name, value)
            by_fields.setdefault(tuple(sorted(changes)), []).append(person)
        return by_fields

    def _finish(self) -> None:
        if not self.head_updates:
            return
        households = [Household(pk=hh, head_id=pk) for hh, pk in self.head_updates.items()]
        Household.objects.bulk_update(households, ["head"], batch_size=1000)


HOUSEHOLD_COLUMNS = ["id", "number", "region_id", "head_id", "address", "created_at", "updated_at"]
PERSON_COLUMNS = [
    "id",
    "id_number_encrypted",
    "id_number_hash",
    "id_number_masked",
    "name",
    "sex",
    "birth_date",
    "phone",
    "region_id",
    "current_region_id",
    "education",
    "ethnicity",
    "household_id",
    "relation",
    "created_at",
    "updated_at",
]
SPELL_COLUMNS = [
    "person_id",
    "status",
    "region_id",
    "employer_id",
    "employer_name",
    "occupation_code",
    "occupation_text",
    "monthly_income",
    "start",
    "end",
    "source",
    "created_by_id",
    "created_at",
]
GROUP_COLUMNS = ["person_id", "group", "start", "end", "detail"]


def import_ledger(
    rows: Iterable[list[object]],
    *,
    area_code: str,
    by=None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    today: datetime.date | None = None,
    progress: Callable[[ImportResult], None] | None = None,
) -> ImportResult:
    """Import the rows of a ledger file (header row first) into the area `area_code`."""
    return LedgerImport(
        area_code=area_code,
        by=by,
        dry_run=dry_run,
        skip_invalid=skip_invalid,
        today=today,
        progress=progress,
    ).run(rows)


__all__ = ["COLUMNS", "ImportResult", "Problem", "import_ledger"]
