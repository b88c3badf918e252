// `npm run bench`: each area's benchmark module prints its own figures when imported. Add one line per area.
import './parse.bench.js';
import './check.bench.js';
import './session.bench.js';
import './ui.bench.js';
import './localcluster.bench.js';
