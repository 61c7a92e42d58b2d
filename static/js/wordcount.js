// Words as the portal counts them (eoi/completeness.py, count_words): format characters
// (zero-width spaces, joiners, soft hyphens, byte-order marks: Unicode Cf) are not there,
// words are separated by the same set of characters as on the server, and only a piece with a
// letter or a digit is a word (French spaced punctuation " : ", " ; ", « » is not).
(function (root) {
  "use strict";
  var INVISIBLE = /\p{Cf}/gu;
  var WORDLIKE = /[\p{L}\p{N}]/u;
  var SEPARATORS = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u115f\u1160\u3164\uffa0\u2800]+/;

  function countWords(text) {
    return (text || "").replace(INVISIBLE, "").split(SEPARATORS).filter(function (word) {
      return WORDLIKE.test(word);
    }).length;
  }

  root.jlnCountWords = countWords;
  if (typeof module !== "undefined" && module.exports) module.exports = countWords;
})(typeof window !== "undefined" ? window : globalThis);
