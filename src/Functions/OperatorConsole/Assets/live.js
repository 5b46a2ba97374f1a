// Replaces the Live page's figures with a fresh server-rendered fragment every 5 seconds; a lapsed session reloads
// the page (which then shows the sign-in form) instead of pasting the sign-in form into the charts.
const target = document.getElementById("live-figures");
if (target) {
  setInterval(async () => {
    try {
      const response = await fetch(target.dataset.source, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (response.redirected || response.status === 401) {
        location.reload();
      } else if (response.ok) {
        target.innerHTML = await response.text();
      }
    } catch {
      // The host is restarting or the network dropped: keep the last figures and try again on the next tick.
    }
  }, 5000);
}
