// Optional: every page works without it. Before printing, the data tables behind the
// charts open, so a printed page carries its numbers.
window.addEventListener('beforeprint', () => {
  for (const details of document.querySelectorAll('.figure details')) details.open = true;
});
