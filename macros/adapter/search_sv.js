/* Trygghetsprogrammet: Swedish stemming of search terms (appended to Material's
   lunr.sv.min.js by macros/adapter/search_sv.py, so it runs in the search worker).

   The index is built with the Swedish stemmer (mkdocs.yml: search pipeline), so it
   holds stems: "lägesbilder", "lägesbilden" and "lägesbild" are all "lägesbild".
   Material turns every typed word into a prefix query ("lägesbilder*"), and lunr
   does not stem prefix queries, so an inflected form would find nothing. Here a
   prefix term is replaced by its stem as prefix ("lägesbild*"). The Swedish
   stemmer only removes endings, so the stem is a prefix of the word and the query
   still matches everything the word itself would. */
(function (lunr) {
  if (!lunr || !lunr.sv || !lunr.sv.stemmer || lunr.Query.prototype.tpStemsPrefixes) return;
  var clause = lunr.Query.prototype.clause;
  lunr.Query.prototype.clause = function (c) {
    var trailing = (c.wildcard & lunr.Query.wildcard.TRAILING) || /^[^*]+\*$/.test(c.term || "");
    if (typeof c.term === "string" && trailing && c.term.indexOf("*") >= c.term.length - 1) {
      var word = c.term.replace(/\*$/, "");
      var stem = String(lunr.sv.stemmer(new lunr.Token(word)));
      if (stem && word.indexOf(stem) === 0) c.term = c.term.slice(-1) === "*" ? stem + "*" : stem;
    }
    return clause.call(this, c);
  };
  lunr.Query.prototype.tpStemsPrefixes = true;
})(self.lunr);
