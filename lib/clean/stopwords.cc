// Copyright 2026 The pith Authors.

#include "lib/clean/stopwords.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <iterator>
#include <map>

namespace pith {
namespace internal {
namespace {

// Space-separated, lowercase. Written for this project: short lists of the
// commonest function words, enough to tell running prose from menus.
constexpr const char* kLists[kNumLanguages] = {
    // en
    "a about after all also an and any are as at be been before being both "
    "but by can could did do does each for from had has have he her here him "
    "his how i if in into is it its just may me more most my no not of on "
    "one only or other our out over should so some such than that the their "
    "them then there these they this those through to too under up very was "
    "we were what when where which while who why will with would you your "
    "because between many our own same",
    // de
    "aber alle allem allen alles als also am an auch auf aus bei beim bereits "
    "bis da damit dann das dass daß dem den denn der des dich die dies diese "
    "diesem diesen dieser dieses dir doch dort du durch ein eine einem einen "
    "einer eines er es etwa euch für gegen habe haben hat hatte hatten hier "
    "hätte ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im immer in ist "
    "jede jeder jedes jetzt kann kein keine keinen können konnte man mehr "
    "mein meine mich mir mit muss müssen nach nicht noch nun nur ob oder ohne "
    "sehr sein seine seinem seinen seiner seit sich sie sind so soll sollen "
    "sondern sowie um und uns unser unsere unter viel viele vom von vor war "
    "waren was weil welche welcher wenn wer werden wie wieder will wir wird "
    "wo wollen wurde wurden würde wäre zu zum zur zwischen über",
    // es
    "a al como con cuando cual de del desde donde el ella ellos en entre era "
    "es esa ese eso esta estas este esto estos está están fue ha han hasta "
    "hay la las le les lo los mi muy más no nos o otra otro para pero por "
    "porque puede que qué se ser si sin sobre son su sus también todo todos "
    "tu un una unas uno unos y ya él",
    // fr
    "a au aussi autre aux avec avoir ce ces cette comme dans de des déjà dont "
    "du elle elles en encore est et être fait il ils je la le les leur leurs "
    "lui ma mais mes mon ne nos notre nous on ont ou où par pas peut plus "
    "pour qu que qui sa sans se ses si son sont sous sur tous tout toute "
    "toutes très tu un une vos votre vous y à était",
    // pt
    "a ao aos as com como da das de do dos e ela elas ele eles em entre era "
    "essa esse esta este está estão eu foi há isso já lhe mais mas muito na "
    "nas no nos não nós o onde os ou outra outro para pela pelo por porque "
    "quando que se sem ser seu seus sobre sua suas são também tem todo "
    "todos um uma umas uns à é",
    // pl
    "a ale bardzo bez by był była było były być co czy dla do gdy go i ich "
    "jak jako jego jej jest jeszcze już która które który których lub mi "
    "mnie może na nad nie nim o od oraz po pod przez przy się są ta tak te "
    "tego tej ten też to tylko tym w we z za ze że",
    // it
    "a ai al alla alle anche che come con da dal dalla dei del della delle di "
    "dove e era essere fra gli ha hanno i il in io la le lei lo loro lui ma "
    "nel nella noi non o per più quando quella quello questa questo si sono "
    "stato su sua suo suoi tra tutti tutto un una uno voi è già",
    // nl
    "aan al als bij dan dat de deze die dit door een en er geen had haar "
    "heeft hebben het hij hoe hun ik in is je kan kunnen maar meer met mijn "
    "naar niet nog of om ons onze ook op over te tot u uit van voor waar "
    "waren was wat we wel werd wie wij worden wordt ze zij zijn zo zou zal",
};

// Packs "w" (at most kMaxStopwordBytes) as StopwordTable::Lanes() expects.
uint64_t Pack(absl::string_view w) {
  uint64_t key = 0;
  std::memcpy(&key, w.data(), w.size());
  return key;
}

}  // namespace

StopwordTable::StopwordTable() {
  std::map<uint64_t, uint32_t> masks;
  for (int lang = 0; lang < kNumLanguages; ++lang) {
    absl::string_view list(kLists[lang]);
    while (!list.empty()) {
      size_t space = list.find(' ');
      absl::string_view w = list.substr(0, space);
      list.remove_prefix(space == absl::string_view::npos ? list.size()
                                                          : space + 1);
      if (w.empty()) continue;
      // A longer word would never be looked up (see kMaxStopwordBytes).
      assert(w.size() <= static_cast<size_t>(kMaxStopwordBytes));
      if (w.size() > static_cast<size_t>(kMaxStopwordBytes)) continue;
      masks[Pack(w)] |= 1u << lang;
    }
  }
  std::vector<std::pair<uint64_t, uint64_t>> words;
  for (const auto& [key, mask] : masks) {
    uint64_t lanes = 0;
    for (int lang = 0; lang < kNumLanguages; ++lang) {
      if (mask & (1u << lang)) lanes |= uint64_t{1} << (8 * lang);
    }
    words.emplace_back(key, lanes);
  }
  // Odd multipliers from a fixed sequence until every word has a slot (the
  // first one does it for the built-in lists).
  uint64_t state = 0x9E3779B97F4A7C15ull;
  do {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    multiplier_ = state | 1;
  } while (!Build(words));
}

bool StopwordTable::Build(
    const std::vector<std::pair<uint64_t, uint64_t>>& words) {
  std::fill(std::begin(keys_), std::end(keys_), 0);
  std::fill(std::begin(lanes_), std::end(lanes_), 0);
  for (const auto& word : words) {
    // Cuckoo insertion: take a slot, moving any occupant to its other slot.
    uint64_t key = word.first;
    uint64_t lanes = word.second;
    uint32_t at = Slot(key, 0);
    for (int kicks = 0;; ++kicks) {
      std::swap(keys_[at], key);
      std::swap(lanes_[at], lanes);
      if (key == 0) break;
      if (kicks == 100) return false;
      const uint32_t a = Slot(key, 0);
      at = at == a ? Slot(key, 1) : a;
    }
  }
  return true;
}

const StopwordTable& StopwordTable::Get() {
  static const StopwordTable* table = new StopwordTable();
  return *table;
}

absl::string_view StopwordList(int language) {
  if (language < 0 || language >= kNumLanguages) return "";
  return kLists[language];
}

uint32_t StopwordMask(absl::string_view word) {
  // A NUL byte would read as key padding.
  if (word.empty() || word.size() > static_cast<size_t>(kMaxStopwordBytes) ||
      word.find('\0') != absl::string_view::npos) {
    return 0;
  }
  const uint64_t lanes = StopwordTable::Get().Lanes(Pack(word));
  uint32_t mask = 0;
  for (int lang = 0; lang < kNumLanguages; ++lang) {
    if ((lanes >> (8 * lang)) & 0xFF) mask |= 1u << lang;
  }
  return mask;
}

}  // namespace internal
}  // namespace pith
