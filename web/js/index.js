document.getElementById('join').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = document.getElementById('code').value.replace(/[\s-]/g, '').toUpperCase();
  if (code) location.href = `/a/${encodeURIComponent(code)}`;
});
