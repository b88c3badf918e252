// The real workshops (../shared/corpus/sma, Apache-2.0) are test data that lives beside the repository, here and
// in CI. A fresh clone of the repository alone has no ../shared: the tests that read it skip, and say why.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const corpus = fileURLToPath(new URL('../../shared/corpus/sma', import.meta.url));

/** Options for a test that reads the corpus: skipped, with the reason printed, where there is none. */
export const needsCorpus: { skip: string | false } = {
  skip: existsSync(corpus) ? false : `needs the workshop corpus, which is not beside this repository (${corpus})`,
};
