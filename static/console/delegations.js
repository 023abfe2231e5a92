/* Finding a delegation from a few letters: an ISO code, a short name (USA, UK), the start of its
 * name or of one of its words, accents and dots ignored. */

export function normal(text) {
  return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[.]/g, "");
}

// The eight best matches, best first: a code or short name, then the name's start, a word's, anywhere.
export function matches(query, delegations, aliases) {
  const q = normal(query.trim());
  if (!q) { return []; }
  const alias = aliases[query.trim().toUpperCase()];
  const scored = [];
  delegations.forEach((d) => {
    const name = normal(d.name);
    const shorts = (d.short_names || "").split(",").map((s) => normal(s.trim()));
    let score = null;
    if (normal(d.iso3) === q || shorts.includes(q) || (alias && d.iso3 === alias)) { score = 0; }
    else if (name.indexOf(q) === 0) { score = 1; }
    else if (name.split(/[\s(),-]+/).some((w) => w.indexOf(q) === 0)) { score = 2; }
    else if (name.indexOf(q) > 0) { score = 3; }
    if (score !== null) { scored.push({ d, score }); }
  });
  scored.sort((a, b) => a.score - b.score || a.d.name.localeCompare(b.d.name));
  return scored.slice(0, 8).map((s) => s.d);
}
