import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/**
 * The words of the generated conversations: common English words first, then made-up words from
 * syllables, drawn with Zipf's law (the n-th most common word appears about 1/n as often as the
 * first), which is how word frequencies in real text fall off. "the" ends up in nearly every
 * message; a word far down the list in a few thousand; the planted words below in exactly as many
 * messages as their counts say.
 */
const COMMON = `the of and to a in is it you that for on with as this was be are have not but at by
from or an they we can your if will all my one about there their what so up out which when do more
would time how like just them some me could into than other then now its also only new use any
these two way first work because well get make should file data need know code see where here very
after most much before over such through back even want good our test change help sure run think
may fix error value line server list still last build check look same each user function model
while every again name thing problem part system set type call case read write start right using
query memory cache update step plan idea note page team meeting issue review deploy release config
branch commit merge version table index search result message reply window screen button option
setting project budget report draft email invoice travel flight hotel recipe garden music book`
  .split(/\s+/)
  .filter(Boolean);

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'br', 'st', 'tr', 'pl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'ou'];
const CODAS = ['', 'n', 'r', 's', 'l', 't', 'nd', 'st'];

/** Made-up words that never contain a planted word (they have no "q" or "k"). */
function madeUpWords(count: number): string[] {
  const words = new Set<string>();
  const common = new Set(COMMON);
  for (let i = 0; words.size < count; i++) {
    let n = i;
    let word = '';
    const syllables = 2 + (i % 3);
    for (let s = 0; s < syllables; s++) {
      word += ONSETS[n % ONSETS.length]! + VOWELS[Math.floor(n / ONSETS.length) % VOWELS.length]!;
      n = Math.floor(n / (ONSETS.length * VOWELS.length)) + s * 7 + i;
      if (s === syllables - 1) word += CODAS[n % CODAS.length]!;
    }
    if (!common.has(word)) words.add(word);
  }
  return [...words];
}

export const VOCABULARY: readonly string[] = [...COMMON, ...madeUpWords(30_000)];

/** Planted words: each in exactly this many messages (spread over different conversations). */
export const RARE_WORDS = { kumquat: 5, quokka: 60 } as const;

/** Cumulative Zipf weights over VOCABULARY, to draw a word with one binary search. */
const cumulative: Float64Array = (() => {
  const table = new Float64Array(VOCABULARY.length);
  let sum = 0;
  for (let rank = 0; rank < VOCABULARY.length; rank++) {
    sum += 1 / (rank + 1);
    table[rank] = sum;
  }
  for (let rank = 0; rank < table.length; rank++) table[rank]! /= sum;
  return table;
})();

export function drawWord(rng: RandomGenerator): string {
  const target = uniformFloat64(rng);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return VOCABULARY[low]!;
}

/** `count` words as sentences (capitalised, full stops every 6–18 words). */
export function sentences(rng: RandomGenerator, count: number): string {
  let text = '';
  let inSentence = 0;
  let sentenceLength = 6 + Math.floor(uniformFloat64(rng) * 12);
  for (let i = 0; i < count; i++) {
    const word = drawWord(rng);
    if (inSentence === 0) text += (text ? ' ' : '') + word[0]!.toUpperCase() + word.slice(1);
    else text += ` ${word}`;
    inSentence++;
    if (inSentence >= sentenceLength || i === count - 1) {
      text += '.';
      inSentence = 0;
      sentenceLength = 6 + Math.floor(uniformFloat64(rng) * 12);
    }
  }
  return text;
}
