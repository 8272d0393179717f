"""A polite client for the live EDGAR API: identified, rate limited, retried, cached.

The SEC asks automated clients to send a User-Agent naming the requester with contact
details and to stay at or below 10 requests per second. Responses are cached on disk
and written only after they parsed, so a bad download never lands in the cache.
Everything time- or network-related (clock, sleep, opener) is injectable for tests.
"""

from __future__ import annotations

import email.utils
import hashlib
import http.client
import os
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import platformdirs

from capexlens.errors import ConfigError, IngestError, ValidationIssue

__all__ = [
    "COMPANY_FACTS_URL",
    "ENV_USER_AGENT",
    "DiskCache",
    "HttpResponse",
    "Opener",
    "RateLimiter",
    "SecClient",
    "SecConfig",
    "urllib_opener",
]

ENV_USER_AGENT = "CAPEXLENS_SEC_USER_AGENT"
COMPANY_FACTS_URL = "https://data.sec.gov/api/xbrl/companyfacts/CIK{cik:010d}.json"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_MAX_RETRY_AFTER = 60.0

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SecConfig:
    """How to talk to EDGAR.

    ``user_agent`` must name you and give a contact email, e.g.
    ``"Jane Doe jane@example.com"``; :meth:`from_env` reads it from
    ``$CAPEXLENS_SEC_USER_AGENT``.

    >>> SecConfig("Jane Doe jane@example.com").max_per_second
    10.0
    >>> SecConfig("capexlens")
    Traceback (most recent call last):
    ...
    capexlens.errors.ConfigError: the SEC User-Agent 'capexlens' has no contact email; ...
    """

    user_agent: str
    cache_dir: Path | None = None
    use_cache: bool = True
    max_per_second: float = 10.0
    retries: int = 3
    backoff_seconds: float = 1.0
    timeout_seconds: float = 30.0
    cache_max_age_seconds: float = 24 * 3600.0
    max_response_bytes: int = 512 * 2**20

    def __post_init__(self) -> None:
        if "@" not in self.user_agent or len(self.user_agent.split()) < 2:
            raise ConfigError(
                f"the SEC User-Agent {self.user_agent!r} has no contact email; set "
                f"{ENV_USER_AGENT} to your name and email, e.g. 'Jane Doe jane@example.com'"
            )
        if not 0 < self.max_per_second <= 10:
            raise ConfigError(
                f"max_per_second must be above 0 and at most 10 (the SEC's fair-access "
                f"limit), got {self.max_per_second}"
            )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, cache_dir: Path | None = None
    ) -> SecConfig:
        """A config whose User-Agent comes from ``$CAPEXLENS_SEC_USER_AGENT``."""
        env = os.environ if environ is None else environ
        agent = env.get(ENV_USER_AGENT, "").strip()
        if not agent:
            raise ConfigError(
                f"set {ENV_USER_AGENT} to your name and email (the SEC requires it), "
                "e.g. export CAPEXLENS_SEC_USER_AGENT='Jane Doe jane@example.com'"
            )
        return cls(agent, cache_dir=cache_dir)

    def resolved_cache_dir(self) -> Path:
        """The cache folder: ``cache_dir`` or the user's cache directory."""
        if self.cache_dir is not None:
            return self.cache_dir
        return Path(platformdirs.user_cache_dir("capexlens", appauthor=False)) / "sec"


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """What an opener returns: status, headers (lower-case names) and the raw body."""

    status: int
    headers: Mapping[str, str]
    body: bytes


Opener = Callable[[urllib.request.Request, float, int], HttpResponse]
"""``opener(request, timeout, max_bytes)``; raises ``OSError`` on network failure."""


def urllib_opener(request: urllib.request.Request, timeout: float, max_bytes: int) -> HttpResponse:
    """The real opener: :func:`urllib.request.urlopen`, HTTP errors returned, not raised."""
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            headers = {k.lower(): v for k, v in resp.headers.items()}
            return HttpResponse(resp.status, headers, resp.read(max_bytes + 1))
    except urllib.error.HTTPError as exc:
        headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
        return HttpResponse(exc.code, headers, exc.read(max_bytes + 1))


@dataclass
class RateLimiter:
    """At most ``per_second`` calls to :meth:`wait` return per second, evenly spaced.

    >>> now = [0.0]
    >>> def sleep(seconds: float) -> None:
    ...     now[0] += seconds
    >>> limiter = RateLimiter(10, clock=lambda: now[0], sleep=sleep)
    >>> for _ in range(3):
    ...     limiter.wait()
    >>> round(now[0], 3)
    0.2
    """

    per_second: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _next: float = field(default=float("-inf"), init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def wait(self) -> None:
        """Block until another request may go out."""
        with self._lock:
            now = self.clock()
            if now < self._next:
                self.sleep(self._next - now)
                now = self._next
            self._next = now + 1.0 / self.per_second


@dataclass(frozen=True)
class DiskCache:
    """Responses kept as files under ``folder``, fresh for ``max_age`` seconds."""

    folder: Path
    max_age: float
    clock: Callable[[], float] = time.time

    def path_for(self, url: str) -> Path:
        """The cache file of ``url``."""
        digest = hashlib.sha256(url.encode()).hexdigest()[:16]
        return self.folder / f"{digest}-{url.rsplit('/', 1)[-1]}"

    def get(self, url: str) -> bytes | None:
        """The cached body, or ``None`` if absent or stale."""
        path = self.path_for(url)
        try:
            if self.clock() - path.stat().st_mtime > self.max_age:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def drop(self, url: str) -> None:
        """Forget the cached body of ``url``, if any."""
        self.path_for(url).unlink(missing_ok=True)

    def put(self, url: str, body: bytes) -> None:
        """Store ``body`` atomically (a reader never sees half a file)."""
        path = self.path_for(url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as tmp:
                tmp.write(body)
            os.replace(tmp.name, path)
        except OSError as exc:
            raise ConfigError(f"cannot write the SEC cache {path}: {exc}; set "
                              "SecConfig.cache_dir to a writable folder") from exc  # fmt: skip


def _fail(url: str, rule: str) -> IngestError:
    return IngestError(url, [ValidationIssue(url, 0, "http", rule)])


def _retry_after(headers: Mapping[str, str], default: float) -> float:
    value = headers.get("retry-after", "").strip()
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), _MAX_RETRY_AFTER)


class SecClient:
    """Fetch EDGAR URLs politely; share one client across calls to share its rate limit.

    >>> config = SecConfig("Jane Doe jane@example.com", use_cache=False)
    >>> client = SecClient(config, opener=lambda r, t, m: HttpResponse(200, {}, b'{"ok": 1}'))
    >>> client.fetch("https://data.sec.gov/x.json", lambda b: b.decode())
    '{"ok": 1}'
    """

    def __init__(
        self,
        config: SecConfig,
        *,
        opener: Opener = urllib_opener,
        limiter: RateLimiter | None = None,
        cache: DiskCache | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self._opener = opener
        self._limiter = limiter or RateLimiter(config.max_per_second, sleep=sleep)
        self._sleep = sleep
        if cache is None and config.use_cache:
            cache = DiskCache(config.resolved_cache_dir(), config.cache_max_age_seconds)
        self._cache = cache

    def fetch(self, url: str, parse: Callable[[bytes], T]) -> T:
        """``parse`` of the body at ``url``, cached only once ``parse`` accepted it."""
        if self._cache is not None:
            cached = self._cache.get(url)
            if cached is not None:
                try:
                    return parse(cached)
                except IngestError:
                    self._cache.drop(url)  # a damaged cache file: fetch it afresh
        body = self._download(url)
        result = parse(body)
        if self._cache is not None:
            self._cache.put(url, body)
        return result

    def _request(self, url: str) -> urllib.request.Request:
        headers = {"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"}
        return urllib.request.Request(url, headers=headers)

    def _download(self, url: str) -> bytes:
        attempts = self.config.retries + 1
        problem = ""
        for attempt in range(attempts):
            self._limiter.wait()
            delay = self.config.backoff_seconds * 2**attempt
            try:
                resp = self._opener(self._request(url), self.config.timeout_seconds,
                                    self.config.max_response_bytes)  # fmt: skip
            except (OSError, http.client.HTTPException) as exc:
                problem = f"network error: {exc}"
            else:
                if resp.status == 200:
                    return self._decode(url, resp)
                if resp.status not in _RETRY_STATUS:
                    raise _fail(url, self._refusal(resp.status))
                problem = f"HTTP {resp.status}"
                delay = _retry_after(resp.headers, delay)
            if attempt + 1 < attempts:
                self._sleep(delay)
        raise _fail(url, f"gave up after {attempts} attempts ({problem}); check the connection "
                    "or use a downloaded companyfacts.zip instead")  # fmt: skip

    @staticmethod
    def _refusal(status: int) -> str:
        if status == 404:
            return "HTTP 404: no company facts there; check the CIK (see sec.gov/edgar/search)"
        if status == 403:
            return (f"HTTP 403: the SEC refused the request; make sure {ENV_USER_AGENT} gives "
                    "your name and a real contact email")  # fmt: skip
        return f"HTTP {status}: the SEC refused the request"

    def _decode(self, url: str, resp: HttpResponse) -> bytes:
        limit = self.config.max_response_bytes
        if len(resp.body) > limit:
            raise _fail(url, f"response is larger than {limit} bytes (max_response_bytes)")
        encoding = resp.headers.get("content-encoding", "").lower()
        if encoding not in ("gzip", "deflate"):
            return resp.body
        # wbits 47 accepts both gzip and zlib headers; max_length stops a decompression bomb.
        inflater = zlib.decompressobj(47)
        try:
            body = inflater.decompress(resp.body, limit + 1)
        except zlib.error as exc:
            raise _fail(url, f"the {encoding} response cannot be inflated: {exc}") from None
        if len(body) > limit or inflater.unconsumed_tail:
            raise _fail(url, f"the response inflates past {limit} bytes (max_response_bytes)")
        return body
