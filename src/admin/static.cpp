// The admin page's stylesheet and its one small script, served by kivals itself (no CDN, no
// build step). They hold nothing secret, so they are open to anyone. The page works without the
// script: its forms post and reload, and a running action reloads the page (a <noscript>
// refresh); with it, the actions run without leaving the page and their progress is polled.
#include "web.hpp"

namespace kivals::admin {
namespace {

constexpr std::string_view k_css = R"css(
:root { --fg: #1d2327; --muted: #5f6b73; --line: #d5dadf; --bg: #f4f6f8; --card: #fff;
        --accent: #1f5fa8; --ok: #1a7f37; --bad: #b42318; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--fg); background: var(--bg); }
header { background: var(--card); border-bottom: 1px solid var(--line); padding: .5rem 1rem;
         display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1.5rem; }
header .crumb { margin: 0; font-weight: 600; }
nav { display: flex; flex-wrap: wrap; align-items: center; gap: .25rem 1rem; }
nav a { color: var(--accent); text-decoration: none; padding: .25rem 0; }
nav a[aria-current] { font-weight: 600; border-bottom: 2px solid var(--accent); }
nav form { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.1rem; margin: 0 0 .75rem; }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
section.panel { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
                padding: 1rem; min-width: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
         vertical-align: top; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; }
form.inline { display: inline; margin: 0; }
form.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin: 0 0 .75rem; }
label { display: block; font-size: .9rem; color: var(--muted); }
input[type=text], input[type=password], input[type=url], input[type=search], select {
  font: inherit; padding: .4rem .5rem; border: 1px solid var(--line); border-radius: 4px;
  width: 100%; max-width: 32rem; }
button { font: inherit; padding: .4rem .8rem; border: 1px solid var(--accent); border-radius: 4px;
         background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: var(--card); color: var(--accent); }
button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #f0b429; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; }
.on { color: var(--ok); font-weight: 600; } .off { color: var(--bad); font-weight: 600; }
.error { color: var(--bad); } .warn { color: var(--warn); } .hint { color: var(--muted); }
.job { margin: .25rem 0 .75rem; color: var(--muted); min-height: 1.2em; }
.job.succeeded { color: var(--ok); } .job.failed { color: var(--bad); }
.notice { color: var(--ok); font-weight: 600; }
details { margin-top: .75rem; }
.login { max-width: 24rem; display: grid; gap: .5rem; }
code { background: var(--bg); padding: 0 .2rem; border-radius: 3px; overflow-wrap: anywhere; }
@media (max-width: 40rem) { main { padding: .5rem; } .panels { grid-template-columns: 1fr; } }
)css";

constexpr std::string_view k_js = R"js('use strict';
(function () {
  var started = {}; // kinds this page saw running: when one ends, the panels are read again

  function describe(job) {
    if (job.error) return job.error;
    if (job.phase === 'running')
      return 'Running since ' + job.started + (job.progress ? ': ' + job.progress : '…');
    return (job.phase === 'succeeded' ? 'Done' : 'Failed') + ' at ' + job.ended + ': ' + job.result;
  }

  function show(kind, job) {
    var line = document.querySelector('[data-job-state="' + kind + '"]');
    if (!line) return;
    line.textContent = describe(job);
    line.className = 'job ' + (job.phase || 'failed');
  }

  function poll() {
    fetch('/admin/jobs', {headers: {Accept: 'application/json'}, credentials: 'same-origin'})
      .then(function (answer) { return answer.json(); })
      .then(function (jobs) {
        var running = false, ended = false;
        jobs.forEach(function (job) {
          show(job.kind, job);
          if (job.phase === 'running') { running = true; started[job.kind] = true; }
          else if (started[job.kind]) ended = true;
        });
        if (running) setTimeout(poll, 1000);
        else if (ended) window.location.reload();
      })
      .catch(function () { setTimeout(poll, 3000); });
  }

  document.querySelectorAll('form[data-job]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var kind = form.getAttribute('data-job');
      fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form)),
                          headers: {Accept: 'application/json'}, credentials: 'same-origin'})
        .then(function (answer) { return answer.json(); })
        .then(function (job) {
          show(kind, job);
          if (!job.error) { started[kind] = true; poll(); }
        })
        .catch(function (error) { show(kind, {error: String(error)}); });
    });
  });
  if (document.querySelector('.job.running')) {
    document.querySelectorAll('.job.running').forEach(function (line) {
      started[line.getAttribute('data-job-state')] = true;
    });
    poll();
  }
})();
)js";

http::Response asset(std::string_view type, std::string_view body) {
    http::Response out;
    out.content_type = std::string(type);
    out.body = std::string(body);
    out.with_header("Cache-Control", "max-age=300")
        .with_header("X-Content-Type-Options", "nosniff");
    return out;
}

} // namespace

void add_static_routes(http::Router& router) {
    router.add("GET", "/admin/static/admin.css", [](const http::Request&, const http::PathParams&) {
        return asset("text/css; charset=utf-8", k_css);
    });
    router.add("GET", "/admin/static/admin.js", [](const http::Request&, const http::PathParams&) {
        return asset("text/javascript; charset=utf-8", k_js);
    });
}

} // namespace kivals::admin
