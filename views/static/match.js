// Optional: the counsellor's desk works without it. Where scripts run, a field with the
// taxonomy's skill names (a <datalist>) adds the chosen name to the skills text.
const adder = document.querySelector('.skill-adder');
const input = document.getElementById('m-add');
const skills = document.getElementById('m-skills');
if (adder && input && skills) {
  adder.hidden = false;
  const add = () => {
    const value = input.value.trim();
    if (!value) return;
    skills.value = skills.value.trim() ? `${skills.value.trim().replace(/[,;]$/, '')}, ${value}` : value;
    input.value = '';
    input.focus();
  };
  document.getElementById('m-add-button')?.addEventListener('click', add);
  input.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); add(); } });
}
