"""``letterforge preview``: the review page of one selection, served on 127.0.0.1 and kept up to date.

The server is starlette (a small, well-kept ASGI toolkit: routing and a
streaming response are all this needs) run by uvicorn (its standard server,
which also handles Ctrl-C).  It listens on the loopback interface only: a
draft letter is embargoed material, never served to the network.

- ``GET /`` is the current page: the letter's review page, or the located
  problems of a selection or library that does not load, in its place.
- ``GET /events`` is a stream of server-sent events, one per new version of
  the page; the page's script puts each in place without a reload.

watchfiles watches the selection (its folder, not below), the findings library
and the layouts (``templates/``, the library's own and the shipped); each change is rendered
afresh (nothing cached: the library and layout are read again) in a worker
thread and pushed to every open page.
"""

from __future__ import annotations

import asyncio
import json
import socket
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import AsyncIterator, Callable

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, StreamingResponse
from starlette.routing import Route
from watchfiles import Change, awatch

from ..errors import LetterforgeError, Location
from ..render.preview_html import live_page
from ..resources import template_folders
from .preview_page import render_page

HOST = "127.0.0.1"
"""The only interface the preview listens on."""

WATCH_DEBOUNCE_MS = 200
"""The longest watchfiles gathers changes before yielding them (an editor's save is several)."""


@dataclass
class PreviewState:
    """The page as last rendered, its version, and who is waiting for the next one."""

    selection: Path
    library_root: Path
    page: str = ""
    version: int = 0
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    def watched(self) -> list[Path]:
        """The folders to watch with their subfolders: the library and every layout folder."""
        folders = [self.library_root, *template_folders(self.library_root)]
        return [folder for folder in dict.fromkeys(f.resolve() for f in folders) if folder.is_dir()]

    def concerns(self, change: Change, path: str) -> bool:
        """Whether a change to ``path`` can change the page: the selection, a library file or a layout."""
        changed = Path(path).resolve()
        if changed == self.selection.resolve():
            return True
        if changed.name.startswith(".") or changed.name.endswith("~"):
            return False  # an editor's swap or backup file
        if _within(changed, self.library_root.resolve()) and changed.suffix in (".yaml", ".yml", ".j2"):
            return True
        return any(_within(changed, folder.resolve()) for folder in template_folders(self.library_root))

    async def refresh(self) -> None:
        """Render the page again (in a worker thread) and wake every open page's stream."""
        page = await asyncio.to_thread(render_page, self.selection, self.library_root)
        async with self.changed:
            self.version += 1
            self.page = page
            self.changed.notify_all()

    async def stop(self) -> None:
        """End the watch and every stream, so that the server can close its connections."""
        self.stopping.set()
        async with self.changed:
            self.changed.notify_all()


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def make_app(state: PreviewState) -> Starlette:
    """The preview's ASGI application over ``state``; its lifespan renders the first page and runs the watch."""

    async def page(request: Request) -> HTMLResponse:
        return HTMLResponse(live_page(state.page, state.version), headers={"Cache-Control": "no-store"})

    async def events(request: Request) -> StreamingResponse:
        async def stream() -> AsyncIterator[str]:
            sent = -1
            while not state.stopping.is_set():
                async with state.changed:
                    await state.changed.wait_for(lambda: state.version != sent or state.stopping.is_set())
                if state.stopping.is_set():
                    return
                sent = state.version
                yield f"data: {json.dumps({'version': sent, 'html': state.page})}\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    async def watch(folders: list[Path], recursive: bool) -> None:
        filter_: Callable[[Change, str], bool] = state.concerns
        async for _ in awatch(*folders, watch_filter=filter_, stop_event=state.stopping, recursive=recursive,
                              debounce=WATCH_DEBOUNCE_MS, step=30):
            await state.refresh()

    async def watch_all() -> None:
        # The selection's folder alone (an editor saves by writing a new file and renaming it over the old, so
        # the folder is watched, not the file); the library and the layouts with everything below them.
        await asyncio.gather(watch([state.selection.resolve().parent], recursive=False),
                             watch(state.watched(), recursive=True))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await state.refresh()
        watcher = asyncio.create_task(watch_all())
        try:
            yield
        finally:
            await state.stop()
            watcher.cancel()

    return Starlette(routes=[Route("/", page), Route("/events", events)], lifespan=lifespan)


def listen(port: int) -> socket.socket:
    """A socket bound to 127.0.0.1:``port`` (0: any free port); a located error if the port is taken."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as e:
        sock.close()
        raise LetterforgeError(f"cannot listen on {HOST}:{port}: {e.strerror}", Location(f"--port {port}"),
                               "choose another port with --port N (0 lets the system choose)") from None
    sock.listen(16)
    return sock


class _Server(uvicorn.Server):
    """uvicorn's server, which on Ctrl-C also ends the event streams (they would keep it waiting)."""

    state: PreviewState
    loop: asyncio.AbstractEventLoop

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        super().handle_exit(sig, frame)
        self.loop.call_soon_threadsafe(lambda: asyncio.ensure_future(self.state.stop()))


def serve(selection: Path, library_root: Path, sock: socket.socket, ready: Callable[[str], None]) -> None:
    """Serve the preview of ``selection`` on ``sock`` until Ctrl-C (or SIGTERM); ``ready(url)`` once listening."""

    async def run() -> None:
        state = PreviewState(selection, library_root)
        config = uvicorn.Config(make_app(state), log_level="warning", access_log=False, lifespan="on",
                                timeout_graceful_shutdown=2)
        server = _Server(config)
        server.state, server.loop = state, asyncio.get_running_loop()
        host, port = sock.getsockname()[:2]
        serving = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started and not serving.done():
            await asyncio.sleep(0.02)
        if server.started:
            ready(f"http://{host}:{port}/")
        await serving

    asyncio.run(run())

