// Small closed-class words: never usernames, never evidence for or against an intent, and never counted as
// unknown by the off-topic guard. Question words ("who", "what", "how") and quantifiers ("all", "every") are
// deliberately absent: they tell ListUsers, GetUser and Help apart.

const FUNCTION_WORDS = new Set(
  `a an the this that these those some any my your our his her their its me you u him them us it we i they
   he she one someone somebody
   i'm i'd i'll i've im id you're it's that's thats there's theres whats what's who's hows how's
   is are was were be been being am do does did done have has had having will would shall should can could
   may might must let lets
   to of in on at by for from with without into onto over about as than then so too very also just only
   and or but nor if because while
   please pls plz kindly thanks thank thx ty cheers
   now right away quickly soon today again actually really maybe perhaps like
   there here up out off oh ok okay well hmm um uh`.split(/\s+/),
);

/** Determiners come before nouns, not usernames: "a joke" and "the weather" are not "bob". */
const DETERMINERS = new Set(
  "a an the this that these those some any my your our his her their its every each no another".split(" "),
);

export const isFunctionWord = (lowerWord: string) => FUNCTION_WORDS.has(lowerWord);
export const isDeterminer = (lowerWord: string) => DETERMINERS.has(lowerWord);
