"""Redirects: followed by default (with the method changes browsers make), `redirect: "manual"`
and `"error"` (WHATWG's, ours), the app's handleRedirect and shouldAllowRedirect, and a loop."""

from __future__ import annotations

import base64

from aiohttp import web

from fetching import run_script, web_server


async def _hop(request):
    status = int(request.match_info["status"])
    raise {301: web.HTTPMovedPermanently, 302: web.HTTPFound, 303: web.HTTPSeeOther,
           307: web.HTTPTemporaryRedirect, 308: web.HTTPPermanentRedirect}[status]("/landing")


async def _landing(request):
    body = await request.read()
    return web.json_response({"method": request.method, "body": base64.b64encode(body).decode(),
                              "type": request.headers.get("Content-Type"),
                              "token": request.headers.get("X-Token"), "cookie": request.headers.get("Cookie")})


async def _loop(request):
    raise web.HTTPFound("/loop")


async def _set_cookie(request):
    response = web.HTTPFound("/landing")
    response.set_cookie("visited", "yes")
    raise response


def redirects_app() -> web.Application:
    app = web.Application()
    app.router.add_route("*", "/hop/{status}", _hop)
    app.router.add_route("*", "/landing", _landing)
    app.router.add_get("/loop", _loop)
    app.router.add_get("/cookie", _set_cookie)
    return app


async def test_followed_redirects_change_the_method_as_browsers_do():
    async with web_server(redirects_app()) as base:
        lines = await run_script(f"""
        for (const status of [301, 302, 303, 307, 308]) {{
          const r = await fetch("{base}/hop/" + status, {{ method: "POST", body: "payload" }})
          const echoed = await r.json()
          console.log(JSON.stringify([status, r.status, r.redirected, r.url, echoed.method, atob(echoed.body), echoed.type]))
        }}
        """)
    landing = f"{base}/landing"
    assert lines == [
        [301, 200, True, landing, "GET", "", None],
        [302, 200, True, landing, "GET", "", None],
        [303, 200, True, landing, "GET", "", None],
        [307, 200, True, landing, "POST", "payload", "text/plain;charset=UTF-8"],
        [308, 200, True, landing, "POST", "payload", "text/plain;charset=UTF-8"],
    ]


async def test_manual_error_and_too_many():
    async with web_server(redirects_app()) as base:
        lines = await run_script(f"""
        const manual = await fetch("{base}/hop/302", {{ redirect: "manual" }})
        console.log(JSON.stringify([manual.status, manual.headers.get("location"), manual.redirected]))
        for (const attempt of [() => fetch("{base}/hop/302", {{ redirect: "error" }}), () => fetch("{base}/loop")]) {{
          try {{ await attempt(); console.log("resolved") }} catch (e) {{ console.log(JSON.stringify([e.name, e.message])) }}
        }}
        """)
    assert lines[0] == [302, "/landing", False]
    assert lines[1] == ["TypeError", f'fetch failed: the server redirected (HTTP 302) and redirect is "error": {base}/hop/302']
    assert lines[2] == ["TypeError", f"fetch failed: more than 20 redirects: {base}/loop"]


async def test_handle_redirect_sees_each_hop_and_can_change_or_cancel_it():
    async with web_server(redirects_app()) as base:
        lines = await run_script(f"""
        const seen = []
        const changed = await fetch("{base}/hop/307", {{
          method: "PUT", body: "original", headers: {{ "X-Token": "one" }},
          handleRedirect: async (next) => {{
            seen.push([next.method, next.url, next.headers["x-token"], next.body.toRawString(), Array.isArray(next.cookies)])
            return {{ ...next, method: "POST", headers: {{ ...next.headers, "x-token": "two" }}, body: Data.fromRawString("changed") }}
          }},
        }})
        const echoed = await changed.json()
        console.log(JSON.stringify([seen, echoed.method, atob(echoed.body), echoed.token, changed.redirected]))
        const kept = await fetch("{base}/hop/302", {{ handleRedirect: async () => null }})
        console.log(JSON.stringify([kept.status, kept.headers.get("location"), kept.redirected]))
        const refused = await fetch("{base}/hop/302", {{ shouldAllowRedirect: async (request) => {{
          console.log(JSON.stringify([request instanceof Request, request.url, request.method]))
          return false
        }} }})
        console.log(JSON.stringify([refused.status]))
        const allowed = await fetch("{base}/hop/302", {{ shouldAllowRedirect: async () => true }})
        console.log(JSON.stringify([allowed.status, allowed.redirected]))
        """)
    landing = f"{base}/landing"
    assert lines[0] == [[["PUT", landing, "one", "original", True]], "POST", "changed", "two", True]
    assert lines[1] == [302, "/landing", False]
    assert lines[2] == [True, landing, "GET"]
    assert lines[3] == [302]
    assert lines[4] == [200, True]


async def test_cookies_set_on_a_redirect_are_sent_on_the_next_hop():
    async with web_server(redirects_app()) as base:
        lines = await run_script(f"""
        const r = await fetch("{base}/cookie", {{ handleRedirect: async (next) => {{
          console.log(JSON.stringify(next.cookies.map((c) => [c.name, c.value])))
          return next
        }} }})
        console.log(JSON.stringify((await r.json()).cookie))
        """)
    assert lines == [[["visited", "yes"]], "visited=yes"]


async def test_authorization_is_dropped_when_a_redirect_leaves_the_origin():
    other = web.Application()
    other.router.add_route("*", "/landing", _landing_with_authorization)
    async with web_server(other) as elsewhere:
        away = web.Application()

        async def _away(request):
            raise web.HTTPFound(elsewhere + "/landing")

        async def _same(request):
            raise web.HTTPFound("/landing")

        away.router.add_get("/away", _away)
        away.router.add_get("/same", _same)
        away.router.add_get("/landing", _landing_with_authorization)
        async with web_server(away) as base:
            lines = await run_script(f"""
            for (const path of ["/same", "/away"]) {{
              const r = await fetch("{base}" + path, {{ headers: {{ Authorization: "Bearer secret", "X-Kept": "yes" }} }})
              console.log(JSON.stringify(await r.json()))
            }}
            """)
    assert lines == [["Bearer secret", "yes"], [None, "yes"]]


async def _landing_with_authorization(request):
    return web.json_response([request.headers.get("Authorization"), request.headers.get("X-Kept")])
