// What the event and incident panels share: a close button, a copy-link button and closing on Escape.

/**
 * Wire a side panel's buttons (by element id) and close it on Escape, unless a dialog is open over it.
 * The page's address names the open panel, so the copy button copies that.
 */
export function wireSidePanel(panel, { closeButton, copyButton, onClose }) {
  document.getElementById(closeButton).addEventListener("click", () => onClose());
  const copy = document.getElementById(copyButton);
  copy.addEventListener("click", () => copyLink(copy));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden && !document.querySelector("dialog[open]")) onClose();
  });
}

/** Copy the page's address and say on the button whether that worked, for two seconds. */
async function copyLink(button) {
  try {
    await navigator.clipboard.writeText(window.location.href);
    button.textContent = "Link copied";
  } catch {
    button.textContent = "Copy from the address bar";
  }
  setTimeout(() => { button.textContent = "Copy link"; }, 2000);
}
