"""Index pages with Pagefind while they are rendered: the pinned binary's service mode
(`pagefind --service`), fed one page at a time, written once at the end.

The protocol: each request is base64-encoded JSON followed by a comma on the binary's stdin,
each answer the same on its stdout, matched by message id. The `pagefind` package's own client
merges the binary's stderr into the stdout it parses (so any warning broke a build with
"Expecting value") and polls every 0.1 s per answer. Here stderr goes to its own file, a
thread reads stdout as it comes (so neither pipe can fill and stall the other), pages are sent
without waiting for their answers, by a thread of their own (so rendering never waits on a
full pipe), and every failure is a SearchIndexError that says which
page, or what the binary printed before it stopped. Each page is sent as the part Pagefind
reads (indexed_part), and the written index is checked whole (bundle_problem). The service
answers WriteFiles before its files are on disk and exits at the end of its input without
writing them, so it is stopped another way (STOP)."""

from __future__ import annotations

import base64
import binascii
import contextlib
import gzip
import io
import json
import queue
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import cast

from act.search.indexer import (
    EXCLUDE_SELECTORS,
    LANGUAGE,
    OUTPUT_DIR,
    IndexResult,
    SearchIndexError,
    indexed_page_count,
    pagefind_binary,
)

# Pages rendered but not yet handed to the binary (see PagefindService._hand_over): enough
# that rendering never waits while the binary reads the page before, few enough to bound the
# memory they hold (a page is sent as its article, some tens of kB).
QUEUED_PAGES = 64
WRITE_TIMEOUT = 900  # seconds for the last pages and the index to be written
STDERR_TAIL = 2000  # characters of the binary's own output quoted in an error
BODY = " data-pagefind-body"
# Ends the service gracefully: at the end of its input the binary exits at once, dropping
# index files it has answered for but not yet written (tokio writes them after answering);
# a message it cannot read ends only its reading, so it returns, finishing those writes.
STOP = b"!,"


def bundle_problem(bundle: Path) -> str | None:
    """What is missing or cut short in a written index, or None: the entry file must parse,
    name metadata files that exist, and every compressed file must decompress whole."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        for language in entry["languages"].values():
            if not (bundle / f"pagefind.{language['hash']}.pf_meta").is_file():
                return f"no metadata file for {language['hash']}"
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        return f"pagefind-entry.json: {err}"
    for path in bundle.rglob("*.pf_*"):
        try:
            gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as err:
            return f"{path.relative_to(bundle)}: {err}"
    return None


def indexed_part(html: str) -> str:
    """What Pagefind reads of a page: its <html> tag (the language) and the <article> that
    carries data-pagefind-body, with every data-pagefind- attribute of the page inside it.
    A page not built that way is sent whole. (A fifth of the bytes to parse: the indexing
    keeps up with rendering; the equivalence test holds the index the same.)"""
    marker = html.find(BODY)
    start = html.rfind("<article", 0, marker) if marker >= 0 else -1
    end = html.find("</article>", marker)
    root_start = html.find("<html")
    root_end = html.find(">", root_start)
    if min(start, end, root_start, root_end) < 0:
        return html
    article = html[start : end + len("</article>")]
    if "<article" in article[1:] or article.count("data-pagefind-") != html.count("data-pagefind-"):
        return html
    return f"{html[: root_end + 1]}<body>{article}</body></html>"


class PagefindService:
    """One index in one `pagefind --service` process. Use `start`, `add_page` for each page,
    then `write` (which stops the process) or `close` to abandon it."""

    def __init__(self, site_dir: Path) -> None:
        self.site = site_dir.resolve()
        self.binary = pagefind_binary()
        self.process: subprocess.Popen | None = None
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed by close())
        self.lock = threading.Condition()
        self.answers: dict[int, dict] = {}  # answers to the requests someone waits for
        self.awaited: set[int] = set()
        self.sent = 0
        self.failures: list[str] = []
        self.pages: dict[int, str] = {}  # message id -> page path, until answered
        self.queued: queue.Queue = queue.Queue(maxsize=QUEUED_PAGES)
        self.hand_over: threading.Thread | None = None
        self.broken: SearchIndexError | None = None  # the binary stopped taking pages
        self.ended = False
        self.stopping = False  # what the binary says from now on is not read
        self.index_id: int | None = None
        self.started = 0.0

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        self.site.mkdir(parents=True, exist_ok=True)
        self.started = time.perf_counter()
        try:
            self.process = subprocess.Popen(
                [str(self.binary), "--service"],
                cwd=self.site,  # page paths are relative to the site, as in a directory run
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.stderr,
            )
        except OSError as err:
            raise SearchIndexError(f"Pagefind ({self.binary}) could not start: {err}") from err
        threading.Thread(target=self._read_answers, daemon=True, name="pagefind-answers").start()
        config = {
            "force_language": LANGUAGE,
            "exclude_selectors": EXCLUDE_SELECTORS,
        }
        answer = self._ask({"type": "NewIndex", "config": config}, timeout=60)
        self.index_id = answer["index_id"]
        self.hand_over = threading.Thread(target=self._hand_over, daemon=True, name="pagefind")
        self.hand_over.start()

    def add_page(self, path: str, html: str) -> None:
        """Queue one rendered page; `path` is its file in the site, e.g. "about/index.html".
        Returns at once: a failure is raised by a later call."""
        self._raise_failures()
        payload = {
            "type": "AddFile",
            "index_id": self.index_id,
            "file_path": path,
            "url": None,
            "file_contents": indexed_part(html),
        }
        self.queued.put((payload, path))

    def _hand_over(self) -> None:
        """Send the queued pages to the binary, in order, on a thread of their own: writing
        to its pipe waits whenever the binary is still reading the page before, and the
        build renders the next page meanwhile instead of waiting too."""
        while True:
            item = self.queued.get()
            if item is None:
                return
            if self.broken is None:
                payload, path = item
                try:
                    self._send(payload, page=path)
                except SearchIndexError as err:
                    self.broken = err  # raised by the next add_page or write
                except Exception as err:  # never leave add_page waiting on a full queue
                    self.broken = SearchIndexError(f"{path} could not be sent to Pagefind: {err}")

    def _all_handed_over(self) -> None:
        if self.hand_over is not None:
            self.queued.put(None)
            self.hand_over.join()
            self.hand_over = None

    def write(self) -> IndexResult:
        """Wait for every page, write the index into site/pagefind and stop the binary."""
        output = self.site / OUTPUT_DIR
        deadline = time.monotonic() + WRITE_TIMEOUT
        self._all_handed_over()
        self._raise_failures()
        with self.lock:  # every page in before the index is written
            while self.pages and not self.ended and time.monotonic() < deadline:
                self.lock.wait(deadline - time.monotonic())
            left = len(self.pages)
        self._raise_failures()
        if left:
            raise SearchIndexError(
                self._death_note()
                if self.ended
                else f"Pagefind did not take {left} pages within {WRITE_TIMEOUT} s"
            )
        self._ask(
            {"type": "WriteFiles", "index_id": self.index_id, "output_path": str(output)},
            timeout=WRITE_TIMEOUT,
        )
        self._raise_failures()
        peak = self._peak_mb()
        self.close()  # waits for the binary to write its files and exit
        problem = bundle_problem(output)
        if problem:
            raise SearchIndexError(f"Pagefind's index in {output} is incomplete: {problem}")
        return IndexResult(
            str(self.binary), indexed_page_count(output), time.perf_counter() - self.started, peak
        )

    def _peak_mb(self) -> float | None:
        """The binary's peak memory so far (Linux's VmHWM), read while it is still running."""
        if self.process is None:
            return None
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return None
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
        return None

    def close(self) -> None:
        """Stop the binary once its files are written (STOP), then the hand-over thread,
        which (with the binary gone) only empties the queue, so the end marker always gets in
        and the thread always ends."""
        process, self.process = self.process, None
        if process is not None:
            with self.lock:
                self.stopping = True
            if process.stdin:
                for step in (lambda: process.stdin.write(STOP), process.stdin.close):
                    with contextlib.suppress(OSError):  # it has stopped already
                        step()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            self.stderr.close()
        self._all_handed_over()

    # -- the protocol ----------------------------------------------------------------------

    def _send(self, payload: dict, page: str | None = None, awaited: bool = False) -> int:
        process = self.process  # once: close() may stop it meanwhile, from another thread
        if process is None or process.stdin is None:
            raise SearchIndexError("Pagefind's service is not running (an earlier error?)")
        with self.lock:
            self.sent += 1
            message = self.sent
            if page is not None:
                self.pages[message] = page
            if awaited:
                self.awaited.add(message)
        request = json.dumps({"message_id": message, "payload": payload}).encode("utf-8")
        try:
            process.stdin.write(base64.b64encode(request) + b",")
            process.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            raise SearchIndexError(self._death_note()) from None
        return message

    def _ask(self, payload: dict, timeout: float) -> dict:
        """Send and wait for this message's answer (all earlier ones are answered before)."""
        message = self._send(payload, awaited=True)
        deadline = time.monotonic() + timeout
        with self.lock:
            while message not in self.answers and not self.ended:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SearchIndexError(
                        f"Pagefind did not answer {payload['type']} within {timeout:.0f} s"
                    )
                self.lock.wait(left)
            answer = self.answers.pop(message, None)
        if answer is None:
            raise SearchIndexError(self._death_note())
        if answer.get("type") == "Error":
            raise SearchIndexError(f"Pagefind failed ({payload['type']}): {answer.get('message')}")
        return answer

    def _read_answers(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        stream = cast(io.BufferedReader, self.process.stdout)  # stdout=PIPE, buffered
        pending = b""
        while True:
            chunk = stream.read1(1 << 16)
            if not chunk:
                break
            pending += chunk
            *messages, pending = pending.split(b",")
            for raw in messages:
                self._take(raw)
        with self.lock:
            self.ended = True
            self.lock.notify_all()

    def _take(self, raw: bytes) -> None:
        if self.stopping:
            return  # its reply to STOP, and what it prints while it stops
        try:
            answer = json.loads(base64.b64decode(raw.strip(), validate=True))
            message, payload = answer.get("message_id"), answer["payload"]
        except (binascii.Error, ValueError, KeyError, TypeError, AttributeError):
            text = raw.decode("utf-8", "replace").strip()[:300]
            with self.lock:
                self.failures.append(f"Pagefind wrote something that is not an answer: {text!r}")
                self.lock.notify_all()
            return
        if message is None and payload.get("original_message"):
            try:  # a request it could not parse: the id is in the echoed request
                message = json.loads(payload["original_message"]).get("message_id")
            except (ValueError, AttributeError):
                message = None
        with self.lock:
            page = self.pages.pop(message, None)
            if message in self.awaited:
                self.awaited.discard(message)
                self.answers[message] = payload
            elif payload.get("type") == "Error":
                where = f"{page}: " if page else ""
                self.failures.append(f"{where}{payload.get('message', 'unknown error')}")
            self.lock.notify_all()

    def _raise_failures(self) -> None:
        if self.broken is not None:
            self.close()
            raise self.broken
        with self.lock:
            failures = list(self.failures)
        if failures:
            shown = "; ".join(failures[:5]) + (
                f" (and {len(failures) - 5} more)" * (len(failures) > 5)
            )
            self.close()
            raise SearchIndexError(f"Pagefind could not index: {shown}")

    def _death_note(self) -> str:
        process = self.process
        code = process.poll() if process is not None else None
        if process is not None and code is None:
            try:
                code = process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                code = None
        try:
            self.stderr.seek(0)
            said = self.stderr.read().decode("utf-8", "replace").strip()[-STDERR_TAIL:]
        except (OSError, ValueError):
            said = ""
        exit_note = f"exit {code}" if code is not None else "no exit status"
        return f"Pagefind ({self.binary}) stopped while indexing ({exit_note})" + (
            f": {said}" if said else "; it printed nothing"
        )
