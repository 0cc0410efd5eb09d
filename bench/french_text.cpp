#include "french_text.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace bench {
namespace {

constexpr std::array subjects = {
    "le télétravail",
    "l'intelligence artificielle",
    "la semaine de quatre jours",
    "la transition énergétique",
    "le management hybride",
    "la cybersécurité des PME",
    "l'économie circulaire",
    "la souveraineté numérique",
    "le recrutement des jeunes diplômés",
    "la formation continue",
    "la reconversion professionnelle",
    "les circuits courts",
    "la mobilité urbaine",
    "le bien-être au travail",
    "la parité dans les conseils d'administration",
    "l'innovation frugale",
    "la protection des données personnelles",
    "la sobriété numérique",
    "le financement participatif",
    "la relocalisation industrielle",
    "l'éthique des algorithmes",
    "la prospection commerciale",
    "les marchés publics",
    "la négociation salariale",
    "l'entrepreneuriat féminin",
    "la recherche appliquée",
    "le mécénat de compétences",
    "la gouvernance partagée",
    "les tiers-lieux",
    "l'export vers l'Afrique",
    "la blockchain",
    "le cloud souverain",
    "la robotisation des entrepôts",
    "le commerce en ligne",
    "la fidélisation des clients",
    "la marque employeur",
    "l'alternance",
    "le management intergénérationnel",
    "la décision collective",
    "la stratégie d'entreprise",
    "la transmission d'entreprise",
    "la croissance externe",
    "la responsabilité sociale des entreprises",
    "les achats responsables",
    "l'inclusion numérique",
    "le droit à la déconnexion",
    "les logiciels libres",
    "la gestion de crise",
    "la logistique du dernier kilomètre",
    "l'agriculture de précision",
    "la santé mentale des dirigeants",
    "les semi-conducteurs",
    "la prévention des risques psychosociaux",
    "l'égalité salariale",
    "la comptabilité extra-financière",
    "la facturation électronique",
    "le crédit d'impôt recherche",
    "les énergies renouvelables",
    "la rénovation thermique",
    "l'économie sociale et solidaire",
};

constexpr std::array audiences = {
    "les PME",          "les indépendants", "les collectivités",   "les étudiants",          "les cadres",
    "les artisans",     "les salariés",     "les managers",        "les territoires ruraux", "les grands groupes",
    "les associations", "les commerçants",  "les jeunes diplômés", "les chercheurs",         "les agriculteurs",
    "les seniors",      "les franchisés",   "les syndicats",       "les investisseurs",      "les consommateurs",
};

constexpr std::array angles = {
    "quel avenir pour {P} ?",       "faut-il tout changer ?",     "promesse ou illusion ?",
    "comment passer à l'échelle ?", "quels risques pour {P} ?",   "où en sommes-nous en {Y} ?",
    "les leçons du terrain",        "mode d'emploi pour {P}",     "révolution ou effet de mode ?",
    "qui paie la facture ?",        "ce que disent les chiffres", "retours d'expérience à {V}",
    "ce qui marche vraiment",       "freins et leviers",          "une chance pour {P} ?",
    "le grand malentendu",
};

constexpr std::array towns = {
    "Paris",      "Lyon",        "Marseille", "Toulouse",         "Nantes",   "Bordeaux", "Lille",   "Rennes",
    "Strasbourg", "Montpellier", "Grenoble",  "Clermont-Ferrand", "Dijon",    "Angers",   "Brest",   "Nancy",
    "Rouen",      "Orléans",     "Tours",     "Saint-Étienne",    "Besançon", "Pau",      "Limoges", "Amiens",
    "Metz",       "Avignon",     "Nîmes",     "Annecy",           "Le Havre", "Caen",
};

constexpr std::array places = {
    "Chambre de commerce",     "Médiathèque", "Campus", "Salle des fêtes", "Pépinière d'entreprises", "Hôtel de ville",
    "Maison des associations",
};

constexpr std::array roles = {
    "une dirigeante de PME", "un économiste",     "une syndicaliste",
    "un chercheur",          "une élue locale",   "un investisseur",
    "une juriste",           "un artisan",        "une DRH",
    "un consultant",         "une entrepreneuse", "un représentant patronal",
};

constexpr std::array pitch_sentences = {
    "Depuis {Y}, {S} transforme le quotidien de {P}.",
    "Nous proposons un débat entre {R} et {R} pour comprendre ce qui se joue vraiment.",
    "À {V}, plusieurs entreprises ont déjà essayé {S} avec des résultats contrastés.",
    "Quels sont les coûts cachés, les gains réels et les conditions de réussite ?",
    "Le sujet mérite un échange franc, chiffres à l'appui, loin des slogans.",
    "On entend tout et son contraire sur {S} : il est temps de faire le point.",
    "Pour {P}, la question n'est plus de savoir si, mais comment.",
    "Le lien avec {S} est rarement fait, et pourtant il est décisif.",
    "Nous aimerions entendre {R}, qui vit ces questions au quotidien.",
    "Un format court, des exemples concrets et du temps pour les questions du public.",
    "La réglementation change en {Y} et beaucoup ne sont pas prêts.",
    "Les témoignages recueillis à {V} montrent des situations très différentes selon la taille des structures.",
};

constexpr std::array comments = {
    "Très bonne idée, {S} concerne aussi {P}.",
    "D'accord sur le fond, mais il faudrait parler de {S}.",
    "Sujet essentiel pour {P} !",
    "Pourriez-vous inviter {R} ?",
    "Dans notre entreprise à {V}, nous avons essayé : c'est plus compliqué qu'il n'y paraît.",
    "J'aimerais des chiffres précis sur {S}, pas seulement des impressions.",
    "Je viendrai si c'est en soirée, beaucoup d'entre nous travaillent en journée.",
    "Attention à ne pas confondre {S} et {S}.",
    "Enfin un débat sur ce thème ! Merci.",
    "Le titre est un peu provocateur, mais la question est bonne.",
    "Déjà traité l'an dernier à {V}, qu'est-ce qui a changé depuis ?",
    "Je peux témoigner : nous sommes passés par là avec {P}.",
};

constexpr std::array replies = {
    "Tout à fait d'accord.", "Pas sûr, chez nous c'était l'inverse.", "Bonne remarque, je n'y avais pas pensé.",
    "Pareil à {V}.",         "C'est exactement le sujet du débat.",   "Avez-vous une source ?",
};

constexpr std::array feedbacks = {
    "Prévoir une version en ligne.",       "Inviter {R}.", "Parler aussi de {S}.", "Un horaire en soirée serait idéal.",
    "Trop proche d'un sujet déjà traité.",
};

constexpr std::array first_names = {
    "Camille", "Léa",   "Manon",   "Chloé",    "Inès",    "Sarah",   "Jade",      "Louise",  "Emma",    "Alice",
    "Lucas",   "Hugo",  "Louis",   "Nathan",   "Gabriel", "Arthur",  "Jules",     "Adam",    "Raphaël", "Théo",
    "Nadia",   "Karim", "Yasmine", "Mehdi",    "Sofia",   "Julien",  "Élodie",    "Mathieu", "Amélie",  "Bruno",
    "Claire",  "Denis", "Fatou",   "Grégoire", "Hélène",  "Ibrahim", "Joséphine", "Kevin",   "Laure",   "Maxime",
};

constexpr std::array hide_reasons = {
    "Propos injurieux.",
    "Publicité sans rapport avec le sujet.",
    "Données personnelles d'un tiers.",
};

constexpr std::array stop_words = {"pour", "dans", "avec", "des", "les", "une", "vers", "quel", "quels"};

// "le télétravail" → "Le télétravail" (every list above starts with an ASCII letter).
std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// The words of at least four bytes of `text`, cut at spaces, apostrophes and hyphens.
void collect_words(std::string_view text, std::set<std::string>& out) {
  std::string word;
  const auto keep = [&] {
    if (word.size() >= 4 && std::find(stop_words.begin(), stop_words.end(), word) == stop_words.end()) {
      out.insert(word);
    }
    word.clear();
  };
  for (const char c : text) {
    if (c == ' ' || c == '\'' || c == '-' || c == ',') {
      keep();
    } else {
      word.push_back(c);
    }
  }
  keep();
}

}  // namespace

french_text::french_text(std::mt19937_64& rng) : rng_(rng) {
  std::set<std::string> words;
  for (const auto* s : subjects) collect_words(s, words);
  for (const auto* s : audiences) collect_words(s, words);
  for (const auto* s : towns) collect_words(s, words);
  query_words_.assign(words.begin(), words.end());
}

template <class List>
std::string_view french_text::any(const List& list) {
  return list[rng_() % list.size()];
}

bool french_text::chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

std::string french_text::fill(std::string_view pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{' || i + 2 >= pattern.size() || pattern[i + 2] != '}') {
      out.push_back(pattern[i]);
      continue;
    }
    switch (pattern[i + 1]) {
      case 'S': out += any(subjects); break;
      case 'P': out += any(audiences); break;
      case 'V': out += any(towns); break;
      case 'R': out += any(roles); break;
      default: out += std::to_string(2024 + rng_() % 4); break;
    }
    i += 2;
  }
  return out;
}

std::string french_text::title() {
  const std::string first = capitalized(std::string(any(subjects)));
  std::string t = chance(0.3) ? first + " et " + std::string(any(subjects)) : first;
  t += " : ";
  t += fill(any(angles));
  return t.size() <= 140 ? t : first + " : " + fill(any(angles));
}

std::string french_text::pitch() {
  const auto n = 3 + rng_() % 4;
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i > 0) out += i == 3 ? "\n\n" : " ";
    out += fill(any(pitch_sentences));
  }
  return out;
}

std::string french_text::location() {
  if (chance(0.4)) return {};
  if (chance(0.5)) return std::string(any(towns));
  return std::string(any(places)) + ", " + std::string(any(towns));
}

std::string french_text::comment() {
  std::string out = fill(any(comments));
  if (chance(0.3)) {
    out.push_back(' ');
    out += fill(any(pitch_sentences));
  }
  return out;
}

std::string french_text::reply() { return fill(any(replies)); }

std::string french_text::feedback() { return fill(any(feedbacks)); }

std::string french_text::decline_reason() {
  return "Merci pour cette proposition. Le sujet sort du cadre de la chaîne, ou a été traité récemment : " +
         fill("voyez le débat sur {S}.");
}

std::string french_text::merge_reason() { return "Très proche d'un sujet déjà proposé : nous les réunissons."; }

std::string french_text::hide_reason() { return std::string(any(hide_reasons)); }

std::string french_text::person() {
  return std::string(any(first_names)) + " " + static_cast<char>('A' + rng_() % 26) + ".";
}

std::string french_text::channel_description() {
  return "Les débats de la chaîne : proposez un sujet, donnez votre avis, commentez. Chaque proposition reçoit "
         "une réponse publique.\n\n" +
         fill("Ce mois-ci : {S}, {S} et {S}.");
}

std::string french_text::query() {
  const auto word = [this] {
    const auto& w = query_words_[rng_() % query_words_.size()];
    if (!chance(0.3) || w.size() < 7) return w;
    auto cut = 4 + rng_() % 3;  // the start of a word, not inside a UTF-8 sequence
    while (cut < w.size() && (static_cast<unsigned char>(w[cut]) & 0xC0U) == 0x80U) ++cut;
    return w.substr(0, cut);
  };
  return chance(0.6) ? word() : word() + " " + word();
}

std::string french_text::url_encoded(std::string_view text) {
  static constexpr std::string_view hex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(hex[b >> 4U]);
      out.push_back(hex[b & 0xFU]);
    }
  }
  return out;
}

}  // namespace bench
