"""Headless Chromium, driven through the DevTools protocol over a pipe.

The browser tests of the HTML export (``tests/test_html_browser.py``) and the
screenshot in the docs (``python -m scripts.html_screenshot``) use this. It
needs only the standard library and a ``chromium`` executable (Debian's
``chromium`` package): the browser is started with ``--remote-debugging-pipe``,
reads commands as NUL-terminated JSON on its file descriptor 3 and answers on
4, so there is no port to find and nothing listens on the network.

A :class:`Chromium` is one browser; each :meth:`Chromium.new_page` opens a tab
in a fresh browser context (no shared cookies or cache) that records every
event it is sent, so a test can ask afterwards which requests were made,
what the console said and which scripts ran.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

#: Quiet, reproducible and offline: no GPU, no QUIC, no first-run pages, no
#: background requests of the browser's own (updates, sync, safe browsing).
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--disable-extensions",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)
#: How long one command may take before the browser is taken to be stuck.
TIMEOUT = 30.0
_NAMES = ("chromium", "chromium-browser")


class BrowserError(RuntimeError):
    """The browser could not start, closed, or answered a command with an error."""


def find_chromium() -> str | None:
    """The path of a Chromium executable on ``PATH``, if there is one."""
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _high(fd: int) -> int:
    """``fd`` moved above the descriptors the browser is given (3 and 4)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return moved


class Chromium:
    """One headless browser with a profile of its own, removed when it is closed."""

    def __init__(self, executable: str, *, extra_flags: tuple[str, ...] = ()) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="claims-chromium-")
        commands_read, commands_write = (_high(fd) for fd in os.pipe())
        answers_read, answers_write = (_high(fd) for fd in os.pipe())
        argv = [
            executable,
            *FLAGS,
            *extra_flags,
            f"--user-data-dir={self._profile.name}",
            "about:blank",
        ]

        def wire() -> None:
            # In the child, before it becomes the browser: the pipe's ends on
            # the descriptors the browser reads (3) and writes (4).
            os.dup2(commands_read, 3)
            os.dup2(answers_write, 4)

        self._process = subprocess.Popen(
            argv,
            # Only descriptors made inheritable (3 and 4, by dup2) reach it.
            close_fds=False,
            preexec_fn=wire,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(commands_read)
        os.close(answers_write)
        self._commands = commands_write
        self._answers = answers_read
        self._buffer = b""
        self._next_id = 0
        self._pages: dict[str, Page] = {}
        self.version = self.send("Browser.getVersion")

    # --- the protocol ------------------------------------------------------------

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, session: str | None = None
    ) -> dict[str, Any]:
        """Send one command and wait for its answer; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self._commands, data) :]
        except OSError as exc:
            raise BrowserError(f"the browser closed its pipe ({exc})") from None
        deadline = time.monotonic() + TIMEOUT
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error'].get('message')}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    def wait_for(self, page: Page, method: str, *, timeout: float = TIMEOUT) -> dict[str, Any]:
        """The first event ``method`` the page has received or receives within ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for event in page.events:
                if event["method"] == method and not event.get("_taken"):
                    event["_taken"] = True
                    params: dict[str, Any] = event["params"]
                    return params
            self._receive(deadline)

    def _receive(self, deadline: float) -> dict[str, Any]:
        """The next message; events are filed under the page their session belongs to."""
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("the browser did not answer in time")
            ready, _, _ = select.select([self._answers], [], [], left)
            if ready:
                chunk = os.read(self._answers, 1 << 20)
                if not chunk:
                    raise BrowserError("the browser closed its pipe")
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        page = self._pages.get(message.get("sessionId", ""))
        if "method" in message and page is not None:
            page.events.append(message)
        return message

    # --- pages -------------------------------------------------------------------

    def new_page(self, *, width: int = 1024, height: int = 768) -> Page:
        """A blank tab in a browser context of its own, ``width`` × ``height`` CSS pixels."""
        context = self.send("Target.createBrowserContext")["browserContextId"]
        target = self.send(
            "Target.createTarget", {"url": "about:blank", "browserContextId": context}
        )["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        page = Page(self, session=session, target=target, context=context)
        self._pages[session] = page
        for domain in ("Page", "Runtime", "Log", "Network", "Debugger"):
            page.send(f"{domain}.enable")
        page.resize(width, height)
        return page

    def close(self) -> None:
        """End the browser and remove its profile."""
        try:
            if self._process.poll() is None:
                with contextlib.suppress(BrowserError):
                    self.send("Browser.close")
                try:
                    self._process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait(timeout=10)
        finally:
            for fd in (self._commands, self._answers):
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._profile.cleanup()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class Page:
    """One tab, and every event it has been sent since it opened (``events``)."""

    def __init__(self, browser: Chromium, *, session: str, target: str, context: str) -> None:
        self.browser = browser
        self.session = session
        self.target = target
        self.context = context
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, session=self.session)

    def of(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every event ``method`` received so far, in order."""
        return [e["params"] for e in self.events if e["method"] == method]

    def resize(self, width: int, height: int, *, mobile: bool = False) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )

    def open(self, url: str) -> None:
        """Load ``url`` and wait for its ``load`` event."""
        answer = self.send("Page.navigate", {"url": url})
        if answer.get("errorText"):
            raise BrowserError(f"cannot open {url}: {answer['errorText']}")
        self.browser.wait_for(self, "Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        answer = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"the expression failed: {text}")
        return answer["result"].get("value")

    def press(self, key: str, *, code: str | None = None, key_code: int = 0) -> None:
        """Press and release one key, as a keyboard would (``Tab``, ``Enter``)."""
        event = {"key": key, "code": code or key, "windowsVirtualKeyCode": key_code}
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **event})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **event})

    def type_text(self, text: str) -> None:
        """Type ``text`` into the focused element, as an input method would."""
        self.send("Input.insertText", {"text": text})

    def emulate_media(self, media: str = "", *, color_scheme: str = "") -> None:
        """Style the page for ``print`` or ``screen``, and a ``light`` or ``dark`` preference.

        ``""`` leaves (or returns) either to the browser's default.
        """
        features = [{"name": "prefers-color-scheme", "value": color_scheme}]
        self.send("Emulation.setEmulatedMedia", {"media": media, "features": features})

    def screenshot(self, *, full_page: bool = False) -> bytes:
        """A PNG of the viewport, or of the whole page's height at the viewport's width."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.evaluate(
                "[document.documentElement.clientWidth, document.documentElement.scrollHeight]"
            )
            params["clip"] = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            params["captureBeyondViewport"] = True
        return base64.b64decode(self.send("Page.captureScreenshot", params)["data"])

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})
        self.browser.send("Target.disposeBrowserContext", {"browserContextId": self.context})
        self.browser._pages.pop(self.session, None)


def file_url(path: Path) -> str:
    """The ``file://`` URL of a local file."""
    return path.resolve().as_uri()
