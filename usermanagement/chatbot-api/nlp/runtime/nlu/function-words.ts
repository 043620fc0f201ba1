// Closed-class words. They are never usernames and never count for or against the text being on topic.
// Most still reach the classifier: "what can you do" is all function words and plainly asks for help.

const FUNCTION_WORDS = new Set(
  `a an the this that these those some any my your our his her their its me you him them us it we i they
   he she one someone somebody
   i'm i'd i'll i've im id you're you've you'll you'd we're we've we'll we'd they're they've they'll they'd
   he'd she'd it'll that'll that's there's who's how's
   is are was were be been being am do does did done have has had having got gotten will would shall should can could
   may might must let lets
   to of in on at by for from with without into onto over about as than then so too very also just only
   and or but nor if because while
   please pls plz kindly thanks thank thx ty cheers
   now right away quickly soon today again first later instead actually really maybe perhaps like
   there here up out off oh ok okay well hmm um uh yes yeah yep yup sure alright`.split(/\s+/),
);

/** Words that say nothing about the intent at all, left out of the classifier's features. */
const NOISE_WORDS = new Set(
  `a an the please pls plz kindly thanks thank thx ty cheers oh ok okay well hmm um uh just really actually
   maybe perhaps yes yeah yep yup sure alright`.split(/\s+/),
);

/** Determiners come before nouns, not usernames: "a joke" and "the weather" are not "bob". */
const DETERMINERS = new Set(
  "a an the this that these those some any my your our his her their its every each no another".split(" "),
);

/** "what time", "how tall": the word after one of these is no username ("who is bob" is, so no "who"). */
const QUESTION_WORDS = new Set(["what", "which", "how", "why", "when", "where"]);

/** Chat spellings of words the corpus writes out. */
const SHORT_FORMS: Readonly<Record<string, string>> = { whats: "what", whos: "who", hows: "how", u: "you" };

export const isFunctionWord = (lowerWord: string) => FUNCTION_WORDS.has(lowerWord);
export const isNoiseWord = (lowerWord: string) => NOISE_WORDS.has(lowerWord);
export const isDeterminer = (lowerWord: string) => DETERMINERS.has(lowerWord);
export const isQuestionWord = (lowerWord: string) => QUESTION_WORDS.has(lowerWord);
export const expandShortForm = (lowerWord: string) => SHORT_FORMS[lowerWord] ?? lowerWord;
