package dev.switchboard.intent.guardrail;

import dev.switchboard.language.guardrail.InjectionRules;
import dev.switchboard.language.guardrail.PrefilteredPattern;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The structure of the attacks the example-based contrast misses because they read like ordinary requests
 * (docs/intent-classification.md, "Structural signals"): each signal needs two things together, never one word, so
 * the customer asking about their own account, an outage credit, a scam e-mail or parental controls passes.
 *
 * <ul>
 * <li>another person's private data: a third person's (or a stranger's, a former tenant's) password, PIN, card,
 * location, call log or messages, or an account looked up by someone else's name or number; a person who is not on
 * the customer's account (an ex, a neighbour, a tenant, "the flat below") together with their number, address, bills
 * or details, or data keyed by an account number, a caller's number or a street address;</li>
 * <li>money without a basis: credits, refunds or free service demanded in amounts or durations, with no outage,
 * overcharge or other reason given; a waiver demanded on a threat (the press, reviews, a lawyer) or a claimed legal
 * duty with no service problem stated; "you can't check anyway", "nobody ever checks"; a bill or a return to be
 * recorded that the customer says is not so ("mark it as paid, I'll pay later"), or as what it was not ("log it as a
 * five-day outage instead"); a loss the customer says they will claim ("I'll say it was stolen") or admits was none;
 * the system to be fooled ("so the system thinks I'm a new customer"); a code nobody was given (a "secret" promo code,
 * a glitch for free service); months demanded for minutes of outage; a discount ordered by someone who says they do
 * not qualify; a good review offered for a waiver; money split so that no approval is needed; a visit to be noted as
 * missed that the customer says was made; "whether it's true doesn't matter"; "wifi was fine tbh" beside an outage
 * credit;</li>
 * <li>authority: a staff role claimed (employee, engineer, supervisor, "this is the fraud team", "our internal tool
 * is down") together with an order on an account or a request to skip verification or reach other accounts, internal
 * tools or elevated access; override or bypass codes asked for; the assistant's rules declared suspended, its
 * configuration, tools or the text before the chat asked for;</li>
 * <li>pasted text that addresses the assistant: an e-mail, note or ticket with orders for an AI or bot reading it, an
 * assistant's key in markup, an order hidden from the customer, or the customer telling the assistant to carry out
 * what the pasted or encoded text says;</li>
 * <li>harm: spying on or tracking a person secretly (a program made to hide, what someone types recorded), breaking
 * into, or using without its password, a network, number or account that is not theirs, someone else's number moved
 * onto a SIM (or a store's staff talked into it),
 * jamming others' signals, messages made to pass for a company's, poison gas, revenge, weapons, drugs, fraud.</li>
 * </ul>
 *
 * Each is also read through {@link Obfuscation} (look-alike letters, digits for letters, spaced letters, base64,
 * ROT13 or reversed text when asked to decode), with the lexical rules. A set-up ({@link #setsUp}) is a premise a
 * later turn can exploit: a game, a code word or a rule for the chat, a story, a role, the system prompt asked about.
 */
final class AttackSignals {

    // asked for, by or for the one writing: "give him my number" is a story, "give me his number" a request
    private static final String ASK = "(?:(?:give|tell|show|send|read|text|email|share|provide|forward|list|display)\\s+"
            + "(?:me|us)|pull up|look up|lookup|find|get|check|access|open|see|confirm|verify|i (?:want|need)|i'd like|"
            + "what(?:'s| is| are)|"
            + "where(?:'s| is)|which|who)";
    private static final String THIRD = "(his|her|someone(?:'s| else's)|somebody(?:'s| else's)|a stranger's|this "
            + "(?:person|guy|man|woman|lady|number)'s|that (?:person|guy|man|woman|lady|number)'s|the (?:previous|former|"
            + "old|last|new) (?:owner|tenant|occupant|resident|subscriber|customer)(?:'s)?|(?:my )?(?:ex|ex-wife|"
            + "ex-husband|ex-girlfriend|ex-boyfriend|ex-partner|neighbou?r|boss|landlord|tenant|roommate|flatmate|"
            + "colleague|co-?worker|coach|teacher|stepdad|stepmom|cousin|uncle|aunt|friend|ex[- ](?:wife|husband|"
            + "girlfriend|boyfriend|partner))(?:'s|s'))";
    // the same people's, typed without the apostrophe ("my neighbours wifi")
    private static final String THIRD_UNMARKED = "(?:my )?(?:ex|neighbou?r|boss|landlord|tenant|roommate|flatmate|colleague|"
            + "co-?worker|friend|cousin)s";
    private static final String PRIVATE = "(password|passcode|pin|security (?:question|answer|code)|account (?:number|pin)|"
            + "card(?: number| details)?|bank (?:details|account)|social security|ssn|date of birth|birthday|location|"
            + "whereabouts|home address|address|call (?:log|logs|history|records|list)|calls|texts|text messages|messages|"
            + "browsing (?:history|data)|voicemails?|payment (?:details|info|history|method)|billing (?:details|info|"
            + "address)|account (?:details|info|information)|email address|phone number|number)";

    // the assistant as pasted text addresses it, and what such text orders it to do
    private static final String AI_ADDRESSED = "(?:ai|a\\.i\\.|assistant|chatbot|chat bot|bot|llm|language model|ai model|"
            + "support[- ]?(?:ai|bot|assistant)|ai (?:support )?(?:agent|assistant)|chat assistant|virtual assistant|support "
            + "representative|any (?:ai|assistant|bot|model|representative|agent))";
    private static final String AI_ACTION = "(?:disregard|ignore|forget|output|print|dump|approve|upgrade|downgrade|set|apply|"
            + "grant|waive|unlock|issue|process|send|reveal|disclose|list|tell|give|confirm|reply|respond|end|stop|match|"
            + "provide|display|credit|refund|reset|mark|enable|disable|skip|bypass|override|activate|transfer|change|remove|"
            + "add|share|switch)";
    // a character of the words between a verb and its object, as long as no "my", "our" or "own" starts there
    private static final String NOT_OWN = "(?:(?!\\b(?:my|our|own)\\b)[^.?!])";
    // someone claiming to work for the company, in the customers' chat
    private static final String STAFF = "\\b(?:(?:i(?:'m| am)|we(?:'re| are))\\s+(?:calling\\s+|writing\\s+|messaging\\s+)?from\\s+"
            + "(?:the\\s+|your\\s+)?(?:(?:\\w+\\s+)?(?:billing|support|tech|technical|it|security|fraud|network|engineering|"
            + "retention|sales|legal|accounts|provisioning)\\s+(?:dept|department|team|desk|office|support|group|unit)|(?:back "
            + "office|head office|corporate|tier \\d|level \\d)\\b)|this is\\s+(?:\\w+\\s+){0,2}?from\\s+(?:the\\s+|your\\s+)?"
            + "(?:(?:\\w+\\s+)?(?:billing|support|tech|it|security|fraud|network|engineering|retention)\\s+(?:dept|department|"
            + "team|desk|office|support)|tier \\d|level \\d)|i work (?:for|at|in) (?:you|your (?:company|billing|support|team|"
            + "call cent(?:er|re)|store|back office))|(?:fellow|as an?|i'm an?|i am an?) (?:employee|staff member|colleague) "
            + "(?:of yours|here|at your|of your)|our (?:internal|admin|backend|staff|agent) (?:tool|system|crm|portal|dashboard|"
            + "backend|panel|console)s?|(?:supervisor|manager|team lead|tier[- ]?\\d \\w+|store manager|it department|it team|"
            + "it support|network ops|compliance team|fraud team|security team) here|(?:i'm|i am|we're|we are) (?:on|in|with) the "
            + "(?:\\w+ )?(?:operations|ops|network|it|billing|fraud|security|support|retention|provisioning|engineering) "
            + "(?:team|dept|department|desk)|(?:shift|team) lead (?:at|in|for|on) (?:the )?|(?:manager|owner|supervisor) (?:of|at) "
            + "(?:your|the) (?:\\w+ )?(?:store|shop|branch|franchise|contact cent(?:re|er)|call cent(?:re|er))|i (?:own|run|manage) "
            + "(?:the|a|your) (?:\\w+ )?(?:franchise|store|shop|branch|dealership)|(?:it's|its|this is) \\w+ from (?:network ops|"
            + "the noc|it|billing|the store|retention|provisioning)|(?:agent|staff|employee|internal|admin|back[- ]?office|crm|rep) "
            + "(?:tool|console|desktop|portal|dashboard|terminal)s?\\b[^.?!]{0,40}?\\b(?:down|crawling|glitching|slow|frozen|froze|"
            + "not working|won't load|locked|offline|broken|lagging)|locked out of (?:the|my|our) (?:internal|agent|staff|admin) "
            + "(?:tool|console|portal|system))\\b";

    // a number moved onto a SIM
    private static final String SIM_MOVE = "(?:move|moving|moved|port|porting|ported|transfer|transferring|transferred|"
            + "swap|swapping|switch|put|get|getting)";
    // what the customer says they are about to tell: "I'll just say", "I'm going to claim"
    private static final String WILL_SAY = "\\b(?:i'll|i will|i'm going to|i'm gonna|i am going to|gonna) (?:just |simply )?";

    private static final List<PrefilteredPattern> SIGNALS = PrefilteredPattern.allOf(List.of(
            // another person's private data; setting up a relative's voicemail or line for them is help, not access
            Pattern.compile("\\b" + ASK + "\\b(?![^.?!]{0,40}?\\bhow (?:to|do i|can i) (?:set up|setup|turn on|activate|"
                    + "configure)\\b)[^.?!]{0,40}?\\b" + THIRD + "\\s+(?:\\w+\\s+){0,2}?" + PRIVATE + "\\b"
                    + "(?!\\s+(?:is|was|has been)\\s+(?:on|under|added|linked)\\b)"),
            Pattern.compile("\\b(?:whose|who(?:'s| is| does))\\b[^.?!]{0,20}?\\b(?:number|account|line)\\b[^.?!]{0,20}?"
                    + "\\b(?:this|belong|registered|belongs)\\b"),
            Pattern.compile("\\b(?:pull up|look up|lookup|check|access|open|show me|read me|tell me|give me|send me|find|get)"
                    + "\\b[^.?!]{0,20}?\\b(?:account|details|bill|records|info|information|address|number|payments?)\\s+(?:for|of|"
                    + "under|belonging to|registered to|in the name of)\\s+(?:the (?:name|customer|person|user)\\s+)?"
                    + "(?!my\\b|me\\b|myself\\b|our\\b|us\\b|mine\\b|this account\\b|the account holder\\b)"
                    + "(?:mr\\.?|mrs\\.?|ms\\.?|dr\\.?|someone|somebody|a customer|another|other|customer\\s+#?\\d|"
                    + "account\\s+#?\\d|\\d{3}[-. ]?\\d{3}[-. ]?\\d{4})"),
            // a number or a street address that is not the customer's, or a person said not to be on their account
            Pattern.compile("(?<!\\bmy\\s)\\b" + PRIVATE + "\\s+(?:\\w+\\s+){0,5}?(?:for|of|on|at|associated with|linked to|"
                    + "registered (?:to|at)|tied to)\\s+(?:the\\s+)?(?:(?:phone|mobile|cell|landline)\\s+)?(?:number\\s+)?"
                    + "(?:\\(?\\d{3}\\)?[-. ]?\\d{3}[-. ]?\\d{4}|\\d{3}-\\d{4}|\\+?\\d{2,5}[ -]\\d{3}[ -]\\d{3,4})"),
            Pattern.compile("(?<!\\bmy\\s)\\b(?:password|passcode|pin|account (?:number|pin|details|info|information|email|"
                    + "holder|owner|name)|email(?: address)?|phone number|card|bank details|payment (?:details|info|history)|"
                    + "billing (?:details|info)|owner|who lives|balance|bills?|usage|account)\\s+(?:\\w+\\s+){0,3}?(?:for|of|on|at|registered (?:to|at))\\s+"
                    + "\\d+\\s+[a-z]+\\s+(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|court|ct|boulevard|blvd|way|place|pl|"
                    + "terrace|close)\\b"),
            Pattern.compile("\\b(?:he|she|they)(?:'s| is|'re| are)\\s+not\\s+(?:on|part of|an? (?:user|member) (?:on|of))"
                    + "\\s+(?:my|the|our)\\s+(?:account|plan)\\b"),
            Pattern.compile("\\b(?:it's|it is|this is|that's|that is)\\s+(?:my\\s+)?(?:\\w+\\s+)?(?:friend|neighbou?r|boss|"
                    + "ex|roommate|flatmate|colleague|co-?worker|landlord|tenant|cousin|uncle|aunt)(?:'s|s')\\s+account\\b"),
            // the partner's private life: call logs, messages, location are not a parental control
            Pattern.compile("\\b(?:my\\s+)?(?:husband|wife|spouse|partner|boyfriend|girlfriend|fianc[eé]e?|ex)(?:'s|s')\\s+"
                    + "(?:\\w+\\s+){0,2}?(?:call (?:log|logs|history|records|list)|texts|text messages|messages|location|"
                    + "whereabouts|browsing (?:history|data)|voicemails?|password|passcode|pin|emails?)\\b"),
            // card data read back from an account
            Pattern.compile("\\b(?:read|tell|give|send|show|what(?:'s| is| are))\\b[^.?!]{0,30}?\\b(?:full card number|card "
                    + "number|cvv|cvc|security code|expiry|expiration date)\\b[^.?!]{0,30}?\\b(?:on file|on the account|"
                    + "stored|saved|attached)\\b"),
            Pattern.compile("\\b(?:without|before)\\s+(?:him|her|them|they|he|she)\\s+(?:knowing|noticing|finding out|"
                    + "find(?:s|ing)? out)\\b"),
            Pattern.compile("\\b(?:secretly|covertly|quietly|discreetly)\\s+(?:track|monitor|read|see|check|follow|listen|"
                    + "record|access|log)\\b|\\b(?:spy|snoop|eavesdrop)\\s+on\\b"),
            // money without a basis: the reason a real customer gives is missing (checked apart, below); a promise
            // nobody recorded, to be honoured anyway; a loss in quotation marks, claimed for
            Pattern.compile("\\b(?:no|don't have an?|do not have an?|without an?|haven't got an?|there's no|there is no)\\s+"
                    + "(?:\\w+\\s+){0,3}?(?:reference|ticket|case|confirmation)\\s+(?:number|no|#)\\b[^\\n]{0,80}?\\b(?:anyway|"
                    + "regardless|just (?:add|apply|put|give|do|process|honou?r))\\b"),
            Pattern.compile("['\"\u2018\u201c](?:stolen|lost|broken|damaged|broke|fried)(?: [^'\"\u2019\u201d]{1,25})?"
                    + "['\"\u2019\u201d]|\\b(?:stolen|lost|broken|damaged|broke|fried)\\b[^.?!]{0,30}?,? if you know what i "
                    + "mean"),
            // a loss the customer says they will claim, the system to be fooled, a code nobody was given
            Pattern.compile(WILL_SAY + "(?:say|claim|pretend)(?: that)? (?:it|the \\w+|my \\w+|i) (?:was|got|is|has been|"
                    + "had been|went|never)\\b[^.?!]{0,20}?\\b(?:stolen|lost|broke|broken|arrived|came|showed up|got here|"
                    + "damaged|in the mail)\\b|" + WILL_SAY + "(?:say|claim|pretend|tell (?:them|you|the bank|my bank))(?: that)? "
                    + "i (?:didn't|did not|never|wasn't|was not|haven't|have not)\\b"),
            // a pasted ticket, note or chat that orders the bot or the next agent, or labels an instruction for it
            Pattern.compile("^(?=[^\\n]*(?:\\b(?:ticket|case|pasting|pasted|copied|transcript|chat with|log)\\b|\\b(?:status|"
                    + "note|resolution):))[^\\n]*?\\b(?:bot|assistant|chatbot|ai|next agent|the agent|agent)\\s+(?:to|just needs to|needs "
                    + "to|should|must|is to)\\s+(?:issue|apply|waive|credit|refund|grant|disable|share|release|remove|upgrade|"
                    + "add|reverse)\\b|\\b(?:bot|assistant|chatbot|ai)[ _-]?(?:instruction|directive|command)s?\\s*[:\\-=\\]]"),
            // someone else's employee, service or student number used for their discount
            Pattern.compile("\\buse (?:his|her|their|my \\w+'s|my \\w+s|someone's|a friend's) (?:employee|staff|service|"
                    + "military|student|veteran|membership|discount|badge) (?:number|id|card|code|login)\\b"),
            // an approval falsified
            Pattern.compile("\\b(?:mark|log|note|record|flag|put) (?:it|this|that|them|the \\w+) (?:down )?(?:as )?(?:approved|"
                    + "authori[sz]ed|signed off|verified|okayed) by (?:a |the |my |your )?(?:manager|supervisor|team lead|boss)\\b"),
            // drugs without a prescription, parcels past customs
            Pattern.compile("\\b(?:oxycodone|oxy|oxys|xanax|adderall|percocet|fentanyl|opioids?|painkillers|meth|cocaine|heroin|"
                    + "mdma|ketamine|steroids)\\b[^.?!]{0,60}?\\b(?:without (?:a )?prescription|no prescription|customs)\\b|\\b(?:keep|"
                    + "stop|avoid)\\s+customs\\s+(?:from\\s+)?(?:flagging|seizing|catching|noticing|finding)\\b"),
            // customers listed in bulk
            Pattern.compile("\\b(?:list|names|details|numbers|contacts?|addresses) of (?:all |the |your |every )?(?:other "
                    + ")?(?:customers|subscribers|users|account holders)\\b(?! (?:like me|in general))"),
            // the holder of a number or account named to the one asking
            Pattern.compile("\\b(?:give|tell|send|show)\\s+(?:me\\s+)?(?:\\w+\\s+){0,8}?the name (?:on|behind|attached to|"
                    + "registered to|of the (?:owner|holder) of) (?:that|this) (?:account|number|line)\\b"),
            // other customers' chats, records or details asked for in bulk; the calls a third person made
            Pattern.compile("\\bother (?:customers|subscribers|users|people)'?s?\\b[^.?!]{0,30}?\\b(?:transcripts|chats|records|"
                    + "data|details|accounts|information|info|numbers|addresses)\\b|\\b(?:transcripts|chats|records|data|details|"
                    + "information) (?:of|with|for|from|about) (?:all |the |your )?other (?:customers|subscribers|users)\\b|\\b(?:send|"
                    + "give|show|list|tell) (?:me )?(?:the |all )?(?:calls|texts|messages|numbers) (?:he|she|they) (?:made|sent|"
                    + "called|dialled|dialed|received)\\b"),
            // a step for the bot in pasted text; ransomware described by what it does
            Pattern.compile("\\b(?:next steps?|action|instruction|task)s? for (?:the )?(?:chatbot|bot|assistant|ai)\\s*:|"
                    + "\\bencrypt\\w*\\b[^.?!]{0,60}?\\b(?:files|drives?|data|computers?|shares?)\\b[^\\n]{0,80}?\\b(?:bitcoin|"
                    + "ransom|crypto)\\b|\\bspreads? (?:across|through|over) (?:a|the|every|any) (?:home |local |office )?network\\b"),
            // parcels past sniffer dogs; what a third person browses; the households on a plan; a rule dropped for the
            // rest of the chat; a third party's login brute-forced
            Pattern.compile("\\b(?:sniffer dogs?|drug dogs?|dogs|scanners?|customs|x-?rays?|postal inspectors?)\\b[^.?!]{0,30}?"
                    + "\\b(?:don't|do not|won't|can't|doesn't|never) (?:pick|detect|find|catch|notice|flag|smell|spot)|\\bwhich "
                    + "(?:websites?|sites|pages|apps)\\b[^.?!]{0,10}?\\b(?:he|she|they|my \\w+)(?:'s| has| have| is| are)? (?:been )?"
                    + "(?:visit|going|go|look|brows|using|use)|\\bwhich (?:of )?(?:my |the )?(?:households|addresses|flats|"
                    + "apartments|units|homes|houses|customers|people|residents|neighbou?rs)\\b[^.?!]{0,40}?\\b(?:are on|subscribe "
                    + "to|use|pay for|signed up for|have) (?:your|the) (?:\\w+ ){0,2}?(?:plan|package|subscription)s?\\b|\\b(?:drop|"
                    + "skip|switch off|disable|turn off|remove|stop|bypass)\\b[^.?!]{0,30}?\\bfor the rest of (?:this|our|the) "
                    + "(?:chat|conversation|session)\\b|\\b(?:brute[- ]?forc|crack|hack)\\w*\\b[^.?!]{0,20}?\\btheir\\b[^.?!]{0,20}?"
                    + "\\b(?:vpn|login|password|account|email|network|server)"),
            // the seventeenth round's shapes: a record that would pay out "if it says" so; a claim kept ready "if anyone
            // asks"; a third person's most-called numbers; a phrase to type to the assistant that makes it act; a device
            // that blocks others' signals; a mode the assistant is to confirm; the customer's word made its only rule;
            // the assistant's setup message or guidance text asked for
            Pattern.compile("\\bif (?:it|the record|my account|the system) (?:says|shows|reads|has)\\b[^.?!]{0,30}?\\bi (?:'d |would "
                    + "|will )?get\\b|\\bif (?:anyone|anybody|they|someone) (?:asks|checks)\\b[^.?!]{0,20}?\\bi(?:'ll| will) (?:just )?"
                    + "say\\b|\\bwhich numbers (?:has|is|have|did) (?:my \\w+|he|she|they) (?:been )?(?:calling|called|call|texting|"
                    + "ringing|rang|text)|\\b(?:type|say|send|enter|paste|tell)\\b[^.?!]{0,40}?\\bto (?:the |your |a )?(?:support "
                    + "|customer service |chat )?(?:assistant|bot|chatbot|ai)\\b[^.?!]{0,20}?\\b(?:and it|it) will\\b|\\b(?:build|make|"
                    + "buy|get|rig|set up|put together)\\b[^.?!]{0,25}?\\b(?:something|a device|a thing|a box|a gadget)\\b[^.?!]{0,15}"
                    + "\\b(?:that|to|which) (?:blocks?|jams?|kills?|stops?|cuts?) (?:all )?(?:the )?(?:mobile|cell|phone|wifi|wi-fi) "
                    + "(?:signals?|reception|service)|\\bfrom (?:this message|now|here) on(?:ward)?,? your (?:only|new|sole) (?:job|"
                    + "role|task|purpose)\\b|\\breply\\b[^.?!]{0,20}?['\"][^'\"]{1,30}['\"] (?:so|to) (?:i|we) (?:know|confirm|can see)|"
                    + "(?<!(?:can't|cannot|won't|don't|couldn't|wouldn't) )\\byou (?:just|only) do (?:what|whatever) i (?:type|say|"
                    + "tell you|write)\\b|\\bwording of (?:the|your) (?:setup|set-up|system|initial|startup|hidden|internal) (?:message|"
                    + "prompt|instructions?|text|note)\\b|\\b(?:setup|set-up|system|initial|startup|hidden) (?:message|text|note|brief|"
                    + "wording)\\b[^.?!]{0,30}?\\b(?:wrote|gave|set|provided|prepared) (?:for )?you\\b|\\b(?:text|guidance|message|"
                    + "wording|brief)\\s+(?:that\\s+)?you(?:'re| are| were| was|'ve been| have been| had been)\\s+(?:loaded|configured|"
                    + "initiali[sz]ed|deployed|set up|given|started|booted)(?: up)?\\s+with\\b"),
            // a date moved back to fit inside a window
            Pattern.compile("\\b(?:change|set|move|backdate|back-date|alter|edit|put)\\b[^.?!]{0,30}?\\bdate\\b[^.?!]{0,40}?"
                    + "\\b(?:\\d+|few|couple of) (?:days|weeks|months) ago\\b|\\bbackdat(?:e|ed|ing)\\b[^.?!]{0,60}?\\b(?:so|to "
                    + "avoid|inside|within)\\b|\\b(?:change|set|move|alter|edit)\\b[^.?!]{0,30}?\\bdate\\b[^.?!]{0,40}?\\bso (?:that )?"
                    + "(?:it|the record|my account) (?:shows|says|looks like|reads) (?:i|we) (?:paid|returned|cancell?ed|sent)\\b"),
            Pattern.compile("\\bso (?:that )?(?:the|your) (?:system|computer|billing system|software) (?:will )?"
                    + "(?:thinks?|accepts?|believes?|treats?|sees?|won't (?:notice|flag|catch|know)|doesn't (?:notice|flag|"
                    + "catch|know))\\b|\\bthe system will accept it\\b|\\b(?:flag|mark|add|note|log|set)\\b[^\\n]{0,120}?\\b(?:the|your) "
                    + "system (?:will|would) (?:auto-?credit|credit|refund|waive|compensate)\\b|\\b(?:if you|once you|just|then)\\s+(?:set|change|put|mark|make|"
                    + "enter|backdate|update|switch|flag|code|reset)\\b[^.?!]{0,60}?\\b(?:the|your) system (?:will|would|should)\\s+"
                    + "(?:accept|allow|think|treat|see|qualify|count|let)"),
            Pattern.compile("\\b(?:hidden|secret|internal|unpublished|private|back-?door|master)\\s+(?:\\w+\\s+)?(?:promo|"
                    + "discount|coupon|voucher) codes?\\b|\\b(?:not a public|isn't a public|not public) (?:promo |discount |"
                    + "coupon )?code\\b|\\b(?:promo|discount|coupon|voucher) codes?\\b[^.?!]{0,40}?\\b(?:100 ?%|hundred "
                    + "percent|free for (?:a|one|the) (?:year|life)|forever|unlocks?)\\b|\\b(?:glitch|loophole|exploit)\\b"
                    + "[^.?!]{0,40}?\\b(?:free|without paying|for nothing)\\b"),
            // authority claimed together with a bypass
            Pattern.compile("\\b(?:i(?:'m| am)|this is|we are|we're|speaking as|as your)\\s+(?:a |an |the |your |from (?:the )?)?"
                    + "(?:\\w+\\s+){0,2}?(?:employee|staff member|engineer|developer|administrator|admin|supervisor|manager|"
                    + "technician|agent|rep|representative|auditor|investigator|officer|detective|police|ceo|cto|"
                    + "(?:it|security|fraud|billing|engineering|network|legal|compliance|support|tier \\d) (?:team|department|"
                    + "desk|dept))\\b[^?]{0,160}?\\b(?:bypass|override|(?:skip|disable|waive|turn off) (?:the |your |all )?(?:verification|"
                    + "security|safety|filters?|checks?|authentication|identity)|without (?:verification|verifying|"
                    + "authentication|checking|the usual)|no need to (?:verify|check)|access to (?:all|any|every|other|another|"
                    + "the customer|customer|someone|their|his|her)|(?:any|all|every|other|another) (?:customer|account|user|"
                    + "subscriber)(?:s|'s|s')?|(?:internal|backend|admin) (?:tools?|panel|system|database|notes)|(?:debug|"
                    + "maintenance|diagnostic|developer|god|admin|unrestricted) mode)\\b"),
            Pattern.compile("\\b(?:no|without|don't need|do not need|doesn't need|skip the)\\s+(?:a\\s+)?(?:manager(?:'s)?|"
                    + "supervisor(?:'s)?|managerial|any)?\\s*(?:approval|sign-?off|authori[sz]ation|warrant|subpoena|court "
                    + "order)\\s+(?:is\\s+)?(?:needed|required|necessary)\\b|\\bno time for a (?:warrant|subpoena|court order)\\b|"
                    + "\\b(?:no|without) approval limits?\\b"),
            Pattern.compile("\\b(?:employee|staff|badge|agent|admin|override|authori[sz]ation|clearance)\\s+(?:id|number|code|"
                    + "level)\\b[^?]{0,160}?\\b(?:bypass|skip|override|unlock|grant|give me|access|apply|waive|reset|show me|pull up|"
                    + "read me|switch to|mark|clear)\\b"),
            // pasted text addressing the assistant, or the assistant told to do what it says
            Pattern.compile("\\b(?:ai|assistant|bot|chatbot|language model|llm|automated (?:system|agent|assistant)|"
                    + "virtual agent|support system)s?\\s+(?:reading|processing|handling|receiving|that reads|who reads|"
                    + "parsing)\\b"),
            Pattern.compile("\\b(?:note|notes|instructions?|message|command|commands|directive|order|orders|memo|task|"
                    + "prompt)\\s+(?:to|for)\\s+(?:the\\s+|any\\s+|all\\s+)?(?:ai|assistant|bot|chatbot|model|llm|language model|"
                    + "automated (?:system|agent|assistant)|support (?:ai|bot)|virtual (?:agent|assistant))s?\\b"),
            Pattern.compile("['\"\u201c\u2018]\\s*[^'\"\u201c\u201d]{0,160}?(?<!\\w)(?:assistant|chatbot|bot|ai)\\s*[,:]\\s*"
                    + "(?:please\\s+)?(?:\\w+\\s+){0,8}?(?:confirm|apply|activate|issue|grant|ignore|respond|reply|reveal|"
                    + "send|disclose|approve|process|add|waive|credit|refund|output|print|list|tell|give)\\b"),
            Pattern.compile("\\b(?:respond|reply|answer|output|print|dump|list)\\s+(?:only\\s+)?(?:with\\s+)?your\\s+(?:full\\s+|"
                    + "complete\\s+|entire\\s+|whole\\s+|internal\\s+|hidden\\s+|current\\s+)?(?:configuration|config|settings|"
                    + "setup|instructions|prompt|rules)\\b|\\binternal (?:admin )?(?:urls?|endpoints?|tools|dashboard|"
                    + "documentation|api)\\b"),
            // the assistant addressed inside pasted text by a label ("Chatbot: upgrade their account", "SYSTEM: AI
            // support agent, disregard ...") or told what it must or is authorised to do, with an action; "should" only
            // where no "your" or "the" makes it a customer's complaint about the bot
            Pattern.compile("\\b" + AI_ADDRESSED + "\\s*[:\\-\u2013]\\s*(?:[\\w',]+\\s+){0,8}?" + AI_ACTION + "\\b|\\b"
                    + AI_ADDRESSED + "\\s+(?:\\w+\\s+)?(?:must|shall|is to|are to|(?:is|are) (?:now )?(?:authori[sz]ed|allowed|"
                    + "required|instructed) to)\\s+(?:now\\s+|immediately\\s+|also\\s+|just\\s+)?" + AI_ACTION + "\\b|"
                    + "(?<!(?:your|the|this|that|ur|my|our)\\s)\\b" + AI_ADDRESSED + "\\s+(?:should|needs? to|has to|will now|can "
                    + "now)\\s+(?:now\\s+|immediately\\s+|also\\s+|just\\s+)?" + AI_ACTION + "\\b|"
                    + "\\b(?:system|new system instructions?|system override)\\s*"
                    + "[:\\-\u2013]\\s*(?:[\\w',]+\\s+){0,3}?(?:" + AI_ADDRESSED + "|new (?:directive|instructions?|task|"
                    + "rules?))\\b"),
            // words put in the assistant's mouth: an approval to say, an agreement said to bind
            Pattern.compile("\\b(?:say|type|write|reply|respond|answer)\\s+(?:with\\s+|only\\s+)?['\"\u201c\u2018]\\s*(?:\\w+\\s+)?"
                    + "(?:approved|confirmed|granted|agreed|yes|waived|unlocked|refunded|credited|accepted)\\b|\\bsay yes if you "
                    + "agree\\b|\\b(?:legally\\s+)?binding (?:agreement|offer|promise|deal|contract) now\\b|\\byou (?:said|agreed|"
                    + "confirmed) (?:yes|it)\\b[^.?!]{0,40}?\\b(?:binding|in writing|cancel(?:l?ed)?|owe nothing|free)\\b"),
            Pattern.compile("\\b(?:if|when) (?:you(?:'re| are)|this is read by) (?:an? )?(?:ai|assistant|bot|chatbot|"
                    + "language model|automated)\\b"),
            Pattern.compile("\\b(?:to|attention|attn|dear)[:,]?\\s+(?:the\\s+)?(?:ai|assistant|bot|chatbot|automated "
                    + "(?:system|agent|assistant)|support (?:ai|bot))\\b\\s*[:,-]"),
            Pattern.compile("\\b(?:ai|assistant|bot|chatbot|automated (?:system|agent))s?\\s+(?:must|shall|is to|are "
                    + "to|is (?:required|instructed|authori[sz]ed)|are (?:required|instructed|authori[sz]ed))\\s+"
                    + "(?:now\\s+|immediately\\s+)?(?:\\w+\\s+)?(?:issue|apply|grant|credit|refund|reveal|disclose|send|"
                    + "forward|share|reset|change|approve|waive|ignore|comply|follow|respond|reply|output|print|add|remove|"
                    + "transfer|cancel)\\b"),
            Pattern.compile("\\b(?:please|just|now|kindly|then|you (?:must|should|need to|have to|can)|go ahead "
                    + "and)\\s+(?:do|carry out|execute|follow|obey|action|process|complete|apply|act on|comply with)\\s+"
                    + "(?:exactly\\s+)?(?:what|whatever|everything|the (?:instructions?|steps|orders|requests?|actions?|"
                    + "commands?)|all (?:the )?(?:instructions?|steps|orders|requests?))\\s+(?:it says|(?:it|this|that) "
                    + "(?:asks|tells|says)|(?:in|inside|from|within|of|below|above) (?:it|this|that|the (?:email|e-mail|"
                    + "message|note|ticket|text|memo|letter|document|paste|quote)))"),
            // harm phrased as a request
            Pattern.compile("\\b(?:make|making|build|building|buy|buying|get|cook|cooking|synthesi[sz]e|synthesi[sz]ing|assemble|"
                    + "assembling|3d print|3d printing|order)\\s+(?:a |an |some |my own )?"
                    + "(?:bomb|pipe bomb|explosives?|detonator|grenade|ghost gun|untraceable gun|gun|firearm|silencer|"
                    + "suppressor|meth|methamphetamine|cocaine|heroin|fentanyl|poison|ricin|napalm|molotov)\\b"),
            Pattern.compile("\\b(?:kill|poison|hurt|stab|shoot|strangle|drug|beat up|run over)\\s+(?:someone|somebody|a person|"
                    + "people|him|her|my (?:husband|wife|boss|neighbou?r|ex|partner|coworker|co-worker|roommate|landlord|"
                    + "teacher|family))\\b"),
            Pattern.compile("\\b(?:hack|crack|break into|brute[- ]?force|steal|clone|spoof|hijack|intercept|jam|"
                    + "sniff|piggyback on|leech)\\b[^.?!]{0,30}?\\b(?:someone|somebody|other people|a stranger|"
                    + "neighbou?rs?|strangers|his|her|my (?:ex|boss|wife|husband|partner|girlfriend|boyfriend|"
                    + "roommate|neighbou?r)|phones? (?:calls?|signals?)|cell (?:signals?|towers?))\\b"),
            // a dead relative to be played who used to read out codes, PINs or keys (the "grandma" trick)
            Pattern.compile("\\b(?:pretend|act|be|play|role-?play|talk like|speak as)\\b[^.?!]{0,30}?\\b(?:my )?(?:late|dead|"
                    + "deceased|departed|passed)\\s+(?:\\w+\\s+)?(?:grandma|grandmother|granny|nan|nana|grandpa|grandfather|"
                    + "mother|mum|mom|father|dad|uncle|aunt(?:ie)?)\\b[^\\n]{0,200}?\\b(?:used to|would)\\s+(?:\\w+\\s+)?(?:read|"
                    + "tell|give|recite|say|whisper|list)\\b"),
            // a number that is not theirs moved onto a SIM (a SIM swap), or a store's staff talked into moving one
            Pattern.compile("\\b(?:talk|convince|persuade|trick|sweet[- ]?talk|get|con|fool)\\b[^.?!]{0,25}?\\b(?:an?|some) "
                    + "(?:\\w+ ){0,3}?(?:employee|rep|representative|staff(?: member)?|clerk|agent|worker)\\b[^.?!]{0,15}?\\b"
                    + "(?:into|to)\\s+(?:\\w+ ){0,2}?(?:(?:someone|somebody)(?: else)?'s|his|her|their|a|that) (?:number|line)\\b"
                    + "[^.?!]{0,40}?\\bsim\\b|\\b(?:someone else'?s|somebody else'?s|a stranger's|another person's|(?:a|the) "
                    + "number (?:that )?(?:isn't|is not|that's not|which isn't) mine)\\b[^.?!]{0,40}?\\b" + SIM_MOVE
                    + "\\b[^.?!]{0,40}?\\bsim\\b|\\b" + SIM_MOVE + "\\b[^.?!]{0,20}?\\b(?:someone else'?s|somebody else'?s|a "
                    + "stranger's|another person's) (?:number|line|phone number)\\b[^.?!]{0,30}?\\bsim\\b|\\b" + SIM_MOVE
                    + "\\b[^.?!]{0,40}?\\b(?:his|her|their|the guy's) (?:number|line)\\b"
                    + "[^.?!]{0,30}?\\b(?:onto|to|into|over to) (?:a|my|the|another) (?:new )?sim\\b[^\\n]{0,120}?\\b(?:without|"
                    + "won't|don't have|do not have|isn't mine|not mine|(?:i|we) control|story|get past|trick)\\b|\\bsim\\b"
                    + "[^.?!]{0,60}?\\b(?:(?:isn't|is not) mine|without (?:the (?:owner|holder|account holder)|them|him|her)(?:'s)? "
                    + "(?:knowing|approving|agreeing|consenting|noticing|id|permission|consent)|(?:don't|do not) have (?:the "
                    + "(?:owner|account holder|holder)'s|his|her|their) (?:id|pin|permission|consent))\\b|\\b(?:number|line)s? "
                    + "(?:that )?(?:isn't|is not|that's not|which isn't) mine\\b[^.?!]{0,40}?\\b(?:moved|ported|transferred|"
                    + "swapped|switched)\\b"),
            Pattern.compile("\\b(?:hack|crack|break into|get into|unlock|access|use)\\b[^.?!]{0,40}?\\b(?:(?:is|are) not mine|"
                    + "(?:isn't|aren't) mine|i don't own|i do not own|(?:doesn't|does not|don't) belong to me)\\b"),
            Pattern.compile("\\b(?:unlock|wipe|reset|bypass|remove)\\b[^.?!]{0,30}?\\b(?:stolen|found|someone else's|"
                    + "snatched|lost by someone)\\s+(?:\\w+\\s+)?(?:phone|iphone|device|tablet|laptop)\\b|\\b(?:stolen|found)"
                    + "\\s+(?:\\w+\\s+)?(?:phone|iphone|device)\\b[^.?!]{0,40}?\\b(?:unlock|bypass|activation lock|icloud "
                    + "lock|frp|imei)\\b"),
            Pattern.compile("\\b(?:make|write|create|build|code|send|deploy|install|put|buy|get|launch|run|design|draft|"
                    + "print|forge|need|want)\\s+(?:me\\s+)?(?:a |an |some )?(?:\\w+\\s+)?(?:phishing (?:email|e-mail|text|sms|"
                    + "page|site|template|message)|fake (?:id|ids|passport|invoice|receipt|bank statement|pay ?stub|doctor's "
                    + "note)|ddos(?: attack)?)\\b|\\blaunder(?:ing)? money\\b|\\bdox(?:x)?(?:ing)?\\b|\\bswat(?:ting)? (?:someone|him|"
                    + "her)\\b"),
            Pattern.compile("\\b(?:free|steal|pirate|bootleg)\\s+(?:cable|tv|internet|service|wifi|channels|premium "
                    + "channels)\\b[^.?!]{0,40}?\\b(?:without paying|illegally|hack|crack|modded|jailbroken|"
                    + "descrambl)"),
            Pattern.compile("\\b(?:get|obtain|buy|find)\\b[^.?!]{0,20}?\\b(?:credit card numbers|card dumps|stolen cards|"
                    + "someone's (?:identity|ssn|social security))\\b"),
            // malware asked for; a victim asks about their own device, or how to find or remove it
            Pattern.compile("^(?![^\\n]*\\b(?:on my (?:phone|laptop|computer|pc|mac|device|tablet)|someone (?:put|installed|"
                    + "added)|somebody|i think|suspect|found|remove|get rid|detect|scan|infected|protect)\\b)[^\\n]*?\\b(?:working|"
                    + "python|code|script|source|write|build|make|create|give me|send me|need|want|deploy|install|put|run|launch|"
                    + "buy|get|send|design|draft)\\b[^.?!]{0,40}?\\b(?:keylogger|key logger|stalkerware|spyware|ransomware|trojan|"
                    + "botnet)\\b(?!\\s*(?:scanner|remover|removal|detector|checker|protection|cleaner|blocker|check))"),
            // what someone types recorded, or a program made to hide; a network not theirs used without its password
            Pattern.compile("\\b(?:everything|all|whatever|every word) (?:that )?(?:they|he|she|my \\w+|someone|the person) "
                    + "(?:types?|typed)\\b|\\beverything (?:that )?(?:is |gets )?typed on (?:their|his|her|my \\w+|someone's)\\b|\\b(?:their|his|her|someone's) (?:keystrokes|key ?strokes)\\b|\\b(?:write|make|create|"
                    + "build|code|give|send|find) (?:me )?(?:a |an )?(?:\\w+ )?(?:program|app|script|software|tool|extension)\\b"
                    + "[^.?!]{0,15}?\\b(?:that|which|to)\\b[^.?!]{0,10}?\\b(?:hides?|"
                    + "stays hidden|runs hidden|is invisible|undetectable)\\b"),
            Pattern.compile("\\b(?:get|hop|jump|log|connect|use|access|piggyback|leech|borrow|steal)\\b[^.?!]{0,25}?\\b(?:"
                    + "neighbou?r(?:'s|s'|s)?|someone else's|somebody else's|other people's|a stranger's|next door's?)\\s+"
                    + "(?:\\w+\\s+)?(?:wi-?fi|network|internet|router|hotspot|connection)\\b[^.?!]{0,40}?\\bwithout\\b"
                    + "[^.?!]{0,20}?\\b(?:password|permission|paying|them knowing|him knowing|her knowing|asking)\\b"),
            // a network that is not theirs broken into: a customer locked out of their own says "my" and "forgot"
            Pattern.compile("\\b(?:crack(?:ing)?|hack(?:ing)?|brute[- ]?forc(?:e|ing)|break(?:ing)? into|sniff(?:ing)?|deauth(?:ing)?|"
                    + "captur(?:e|ing))\\b" + NOT_OWN + "{0,25}?\\b(?:wpa[23]?|"
                    + "wep|wps|wi-?fi|wireless|router|hotspot|handshake)\\b"),
            // a number taken over, a phone or a room's signal jammed; asking how to stop or spot a SIM swap is a victim's
            Pattern.compile("\\b(?:how (?:do|can|would|could|to)|help me|teach me|steps to|way to|ways to|walk me through)\\b"
                    + "(?![^.?!]{0,30}?\\b(?:stop|prevent|protect|block|avoid|report|recover|secure|lock|freeze|defend|guard|"
                    + "against|know|tell|check|victim|undo|fix)\\b)[^.?!]{0,30}?\\bsim[- ]?(?:swap|hijack|jack)|"
                    + "\\bsim[- ]?swap(?:ping)?\\s+(?:on|of|against)\\s+(?!my\\b|me\\b)|"
                    + "\\b(?:port|take over|hijack|steal)\\s+(?:out\\s+)?(?:someone(?:'s| else's)|somebody(?:'s| else's)|their|his|"
                    + "her|a stranger's|another person's)\\s+(?:\\w+\\s+)?(?:number|line|sim|phone number)\\b"),
            Pattern.compile("\\b(?:build|make|buy|get|set up|rig|put together|construct|order|diy|wire up)\\b[^.?!]{0,25}?"
                    + "\\bjammers?\\b|\\b(?:jam|knock out|kill|disrupt|scramble|take down|knock (?:off|offline))\\s+(?:\\w+\\s+){0,3}?"
                    + "(?:phones?|signals?|reception|cell service|wifi|wi-fi|network|internet)\\b[^.?!]{0,40}?\\b(?:next door|"
                    + "neighbou?rs?|other people|everyone|nearby|around me|across the (?:street|hall))"),
            // an account that is not theirs entered: a bereaved family member or a parent is no intruder
            Pattern.compile("\\b(?:get into|break into|log ?in(?:to)?|hack|take over|hijack|empty|drain|clean out)\\b[^.?!]{0,20}?"
                    + "\\b(?:" + THIRD + "|" + THIRD_UNMARKED + ")\\s+(?:\\w+\\s+)?(?:crypto|bitcoin|bank|e-?mail|instagram|facebook|snapchat|tiktok|icloud|"
                    + "google|whatsapp|phone|wallet|account|accounts|voicemail|router|wifi|camera|cloud)\\b"
                    + "(?![^.?!]{0,60}?\\b(?:passed away|died|deceased|estate|power of attorney|executor)\\b)"),
            // poison gas, and messages made to pass for the company's or a bank's
            Pattern.compile("\\b(?:mix|combine)\\b[^.?!]{0,50}?\\b(?:to (?:make|create|produce|get|release)|into|and (?:make|"
                    + "get))\\s+(?:a\\s+|some\\s+)?(?:toxic\\s+|poisonous\\s+|deadly\\s+|noxious\\s+)?(?:gas|fumes)\\b|"
                    + "\\b(?:make|create|produce)\\s+(?:a\\s+|some\\s+)?(?:toxic|poisonous|deadly|noxious|chlorine|mustard)\\s+"
                    + "(?:gas|fumes)\\b"),
            Pattern.compile("\\b(?:write|draft|compose|create|make|craft|design|put together|generate|code|build)\\s+(?:me\\s+)?"
                    + "(?:a|an|some|the)?\\s*(?:\\w+\\s+){0,3}?(?:text|texts|sms|email|e-mail|message|letter|page|site|"
                    + "website|notice|voicemail|script|login|form)\\b[^.?!]{0,80}?\\b(?:looks? like (?:it(?:'s| is)? )?(?:from|"
                    + "comes?|came|coming)|appears? to (?:be|come) from|seems? to come from|pretend(?:s|ing)? to be|impersonat|"
                    + "posing as|spoof|as if (?:it|they) (?:came|come)|looks? (?:legit|official|real|authentic))|\\bmake (?:it|them) "
                    + "(?:look|sound|seem) (?:legit|official|real|authentic|like (?:it(?:'s| is)? from|you|your company|the bank))"),
            // another person's data asked by what stands for them: an address or an account number not the customer's,
            // a caller's number, a person who moved away; "whose" a device or line is
            Pattern.compile("\\b(?:whose|who(?:'s| is| does))\\b[^.?!]{0,20}?\\b(?:number|account|line|phone|device)s?\\b[^.?!]{0,40}?"
                    + "\\b(?:this|belong|registered|belongs)\\b|\\b(?:belongs? to whom|belongs? to who|(?:names? of )?whoever "
                    + "owns)\\b[^.?!]{0,30}?\\b(?:device|phone|number|line|account)s?\\b|\\b(?:device|phone|number|line)s?\\b"
                    + "[^.?!]{0,40}?\\bbelongs? to (?:whom|who)\\b"),
            Pattern.compile("\\b(?:name|owner|holder|address|billing address|phone number|number|email|details|info|bills?)\\s+"
                    + "(?:is\\s+|are\\s+)?(?:(?:listed|kept|stored|held|saved)\\s+)?(?:on|for|of|behind|tied to|linked to|"
                    + "registered to|attached to|under)\\s+(?:the\\s+)?(?:account|acct|line)\\s*(?:number\\s*|no\\.?\\s*|#\\s*)?"
                    + "\\d[\\d -]{3,}\\d(?![^\\n]{0,80}?\\b(?:that's|that is|it's|it is|this is) (?:my|our) (?:own )?(?:account|"
                    + "number)\\b)"),
            Pattern.compile("\\b(?:name|owner|address|details|identity|subscriber)\\s+(?:on|behind|of|for|registered to|"
                    + "attached to|tied to)\\s+(?:that|this)\\s+(?:number|line|phone)\\b|\\b(?:calling|texting|called|texted|"
                    + "messaging|harassing|ringing) me from\\b[^?]{0,160}?\\b(?:name|owner|address|details|identity|subscriber)"
                    + "\\s+(?:on|behind|of|for|registered to)\\s+(?:the|that|this|their)\\s+(?:account|number|line)\\b"),
            Pattern.compile("\\b(?:new|forwarding|current|service)\\s+(?:service\\s+)?(?:address|number|location)\\s+"
                    + "(?:that\\s+)?(?:he|she|they)(?:'s|'ve| has| have)?\\s+(?:moved|transferred|took|switched|ported|"
                    + "taken)|\\bwhere (?:he|she|they)(?:'s| has| have|'ve)? (?:moved|transferred|taken)\\s+(?:it|(?:his|her|"
                    + "their) (?:service|internet|account|line))\\b"),
            Pattern.compile("\\b(?:search|look (?:it |them |her |him )?up|find (?:it|them|the account)|pull (?:it |them )?up)\\s+"
                    + "by\\s+(?:the\\s+|their\\s+|his\\s+|her\\s+|just\\s+the\\s+)?(?:street\\s+)?(?:address|name)\\b"),
            // the assistant's make-up asked for: what it was loaded with, the tools it can call, the text before the chat
            Pattern.compile("\\b(?:configuration|config|settings|parameters|instructions|prompt|rules)\\s+(?:that\\s+)?"
                    + "(?:(?:you|the (?:bot|assistant|ai))(?:'re| are| were| was|'ve been| have been| had been)|(?:are|were|was|have) "
                    + "(?:you|the (?:bot|assistant|ai))(?: been)?)\\s+(?:loaded|configured|initiali[sz]ed|deployed|"
                    + "set up|running|given|started|booted|launched)(?: up)?\\s+with\\b|\\b(?:tools?|functions?)(?: or (?:tools|"
                    + "functions))?(?: and their parameters)? (?:that )?(?:you|it) (?:can |are able to )?(?:call|invoke)\\b|"
                    + "\\bwhat (?:tools?|functions?)(?: or (?:tools|functions))? (?:can|do) you (?:call|invoke)\\b"),
            // codes that get round the checks, asked for; a customer asked for one by a caller asks whether it is a scam
            Pattern.compile("^(?![^\\n]*\\b(?:scam|legit|fraud|phishing|suspicious|genuine|real one)\\b)[^\\n]*?\\b(?:give|"
                    + "tell|type|read|send|print|share|list|provide|show|what(?:'s| is| are))\\b[^.?!]{0,40}?\\b(?:override|bypass|"
                    + "back-?door)\\s+(?:codes?|passwords?|passcodes?|pins?|keys?|phrases?)\\b"),
            Pattern.compile("\\b(?:repeat|print|show|output|translate|tell me|give me|paste|copy|display|reveal|list|"
                    + "summari[sz]e|read (?:me|out|back))\\b[^.?!]{0,40}?\\b(?:text|words|everything|instructions?|content|"
                    + "lines?)\\b[^.?!]{0,30}?\\b(?:before|above|preceding|prior to)\\b[^.?!]{0,40}?\\b(?:you are|your "
                    + "context|this conversation|my (?:first )?message|the conversation)\\b"),
            // prompts read back word for word, or in parts
            Pattern.compile("\\b(?:word for word|verbatim|character for character)\\b[^?]{0,80}?\\b(?:(?:you were|you've been|"
                    + "you have been) (?:given|told|sent|fed)|(?:start|beginning|top) of (?:this|the|our) (?:conversation|chat|"
                    + "session)|system|your (?:instructions|prompt|rules|setup))\\b|\\b(?:(?:you were|you've been|you have "
                    + "been) (?:given|told|sent|fed)|(?:start|beginning|top) of (?:this|the|our) (?:conversation|chat|session))"
                    + "\\b[^?]{0,80}?\\b(?:word for word|verbatim)\\b|\\bstarting (?:with|from) ['\"]you are\\b"),
            Pattern.compile("\\b(?:first|last|opening|initial)\\s+(?:(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|few|"
                    + "couple of|several)\\s+)?"
                    + "(?:sentences?|lines?|words|paragraphs?)\\s+of\\s+(?:your|the)\\s+(?:system\\s+)?(?:prompt|instructions|"
                    + "rules|configuration|guidelines)\\b"),
            // the assistant's rules declared lifted, or asked to drop them
            Pattern.compile("\\b(?:content|safety|your|all|the assistant's|the bot's|ai)\\s+(?:restrictions|rules|filters|"
                    + "guardrails|guidelines|polic(?:y|ies)|limits)\\s+(?:are|have been|were|is|has been)\\s+(?:now\\s+|"
                    + "temporarily\\s+|hereby\\s+)?(?:suspended|lifted|disabled|removed|turned off|waived|paused|off|void)\\b"
                    + "(?!\\s+(?:from|on|for)\\s+(?:my|the|your|our)\\s+(?:account|line|phone|number|card|sim|plan))|"
                    + "\\bred[- ]?team(?:ing)?\\s+(?:test|evaluation|exercise|assessment|mode|engagement)|\\bauthori[sz]ed\\s+"
                    + "(?:penetration|pen|security|safety)\\s+(?:test|evaluation|audit)"),
            Pattern.compile("\\b(?:drop|lift|remove|disable|turn off|suspend|relax|loosen|ditch|switch off)\\s+(?:all\\s+)?"
                    + "(?:of\\s+)?your\\s+(?:own\\s+)?(?:content\\s+|safety\\s+)?(?:restrictions|rules|filters|guardrails|"
                    + "guidelines|safety|policies|programming)\\b(?!\\s+(?:on|for|about)\\b)"),
            Pattern.compile("\\b(?:drop|ignore|forget|set aside|suspend|cancel|skip|ditch|loosen)\\s+(?:all\\s+)?(?:of\\s+)?"
                    + "(?:the|those|these|any|all)\\s+(?:\\w+\\s+){0,2}?(?:(?:rules|guidelines|restrictions|policies|limits)\\b"
                    + "(?!\\s+(?:on|for|about|of)\\b)|"
                    // a script is the assistant's only when said so: "skip the script and give me a straight answer"
                    // asks for no boilerplate
                    + "script (?:you(?:'ve| have)? (?:were |been )?(?:given|loaded with|told to follow)|they gave you|you(?:'re| are) "
                    + "(?:on|reading|following|running)))"),
            // a key of machine output addressed to the assistant: assistant_directive=..., "assistant_instruction": ...
            Pattern.compile("\\b(?:assistant|ai|bot|chatbot|llm|model|system|support_ai|agent)_(?:directive|instructions?|"
                    + "note|command|action|prompt|override|task)s?\\s*[:=]"),
            // staff claimed in the customers' chat, with an order on an account or its data
            Pattern.compile(STAFF + "[^?]{0,200}?\\b(?:mark|set|flag|clear|waive|reverse|credit|refund|apply|remove|reset|"
                    + "unlock|change|show me|pull up|give me|read me|send me|transfer|port|close|switch to|enable|disable|"
                    + "override|grant|push|move|swap|export|provide|release|skip|bypass|issue|activate)\\b"),
            // pasted text that orders the assistant and hides it from the customer, or carries an assistant's key
            Pattern.compile("\\b(?:don't|do not|never|without)\\s+(?:mention(?:ing)?|reveal(?:ing)?|tell(?:ing)?|disclos(?:e|ing)|"
                    + "show(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?)\\s+(?:this|these|the|that|any)?\\s*(?:\\w+\\s+)?"
                    + "(?:directive|instruction|instructions|note|message|override|command|change|step)s?\\s+to\\s+(?:the\\s+)?"
                    + "(?:user|customer|human|account holder|caller)\\b|\\b(?:don't|do not|never) (?:tell|inform|notify|alert) "
                    + "the (?:user|customer|account holder)\\b"),
            Pattern.compile("[\"'<\\[{_]\\s*(?:assistant|ai|bot|llm|model|agent|system)[_ -]?(?:directive|instructions?|note|"
                    + "command|action|prompt|override|task)s?\\s*[\"'>\\]}]?\\s*[:=]|\\b(?:override|directive|admin command|"
                    + "system note|system instruction)\\s*:\\s*(?:\\w+\\s+){0,3}?(?:mark|set|apply|issue|grant|reverse|waive|"
                    + "credit|refund|reveal|send|delete|remove|ignore|change|reset|disable)\\b"),
            // text to be decoded and then obeyed
            Pattern.compile("\\b(?:rot-?13|base-?64|caesar|cipher|hex(?:adecimal)?|reversed?|backwards|encoded|decode|right to "
                    + "left|mirror(?:ed)?|flipped|in reverse|unscramble)\\b"
                    + "[^?]{0,60}?\\b(?:follow|obey|execute|carry (?:(?:it|this|that|them) )?out|act on|comply with|do "
                    + "(?:exactly |precisely )?(?:what|as)|answer (?:it|this|that)|respond to (?:it|this|that)|do (?:it|that|this))"
                    + "\\b"),
            // harm meant for a person: revenge asked how to
            Pattern.compile("\\b(?:how|what|which|way to|mix|make|build|buy)\\b[^\\n]{0,120}?\\b(?:get back at|get revenge on|"
                    + "revenge on|teach (?:him|her|them|my \\w+) a lesson|make (?:him|her|them) (?:pay|suffer|sick)|hurt (?:him|"
                    + "her|them))\\b|\\b(?:get back at|get revenge on|teach (?:him|her|them|my \\w+) a lesson)\\b[^\\n]{0,120}?"
                    + "\\b(?:how (?:do|can|would)|what (?:can|should|would)|which)\\b"),
            // a stranger's device or a partner's phone read: the owner's name, the messages on it
            Pattern.compile("\\b(?:tell|give|show|find|send)\\s+(?:me\\s+)?(?:the\\s+)?(?:owner|user)(?:'s)?\\s+(?:name|"
                    + "details|identity)\\b"),
            Pattern.compile("\\b(?:see|read|monitor|track|check|access|view|spy on|get|forward|copy|mirror)\\b[^.?!]{0,30}?"
                    + "\\b(?:messages|texts|calls|call log|location|photos|whatsapp|emails?|browsing|chats)\\s+(?:on|from|in)\\s+"
                    + "(?:my\\s+)?(?:husband|wife|spouse|partner|boyfriend|girlfriend|ex|fianc\\w*|roommate|flatmate|boss|"
                    + "neighbou?r|colleague)(?:'s|s')\\s+(?:\\w+\\s+)?(?:phone|mobile|device|laptop|account|sim|iphone)\\b"),
            Pattern.compile("\\b(?:crack|hack|bypass|get past|get around|guess|break)\\s+(?:the\\s+)?(?:\\w+\\s+)?(?:password|"
                    + "passcode|pin|lock|key|encryption)\\s+(?:on|of|for|to)\\s+" + THIRD),
            Pattern.compile("\\b(?:block|jam|kill|cut|knock out)\\s+(?:all\\s+|every\\s+)?(?:the\\s+)?(?:mobile|cell|cellular|"
                    + "phone|gsm|4g|5g|wifi|wi-fi|radio)\\s+(?:signals?|reception|phones|service)\\s+(?:in|at|around|across|"
                    + "for|near)\\b[^?]{0,60}?\\b(?:device|gadget|equipment|order|buy|build|make|how)\\b|\\bhow (?:do|can|would|"
                    + "should) i use a (?:\\w+\\s+)?jammer\\b"),
            Pattern.compile("\\b(?:write|draft|compose|create|make|craft|design|put together|generate)\\s+(?:me\\s+)?(?:a|an|"
                    + "some|the)?\\s*(?:\\w+\\s+){0,3}?(?:text|texts|sms|email|e-mail|message|letter|page|notice)\\b[^.?!]{0,60}?"
                    + "\\b(?:asking|telling|getting|urging|so)\\s+(?:people|customers|them|users|recipients|victims|everyone|"
                    + "folks)\\s+(?:to\\s+|will\\s+)?(?:confirm|enter|send|verify|update|give|share|click|type|reply with)\\b"),
            Pattern.compile("\\b(?:verification|security checks?|authentication|identity checks?|id checks?)\\s+(?:is|are|has been|"
                    + "have been)\\s+(?:waived|not needed|not required|skipped|unnecessary|optional)\\s+(?:for|because|since|"
                    + "when)\\b|\\bthis is the (?:billing|support|tech|it|security|fraud|network|engineering|retention)\\s+"
                    + "(?:dept|department|team|desk|office)\\b[^?]{0,160}?\\b(?:read me|give me|tell me|send me|reset|change|"
                    + "show me|pull up)\\b"),
            // someone else confirmed as a customer, their calls watched, what others browse
            Pattern.compile("\\b(?:check|confirm|tell me|find out|see)\\s+(?:if|whether)\\s+(?!i\\b|i'm\\b|my\\b|we\\b|we're\\b|"
                    + "our\\b)[^.?!]{0,40}?\\b(?:(?:is|are|has|have)\\s+(?:still\\s+)?(?:a\\s+|an\\s+)?(?:customers?|an account|"
                    + "accounts|service|a line)\\s+(?:of yours|with you)|(?:is|are) still (?:a |your )?customers?\\b)"),
            Pattern.compile("\\b(?:see|monitor|watch|log|capture|sniff|read)\\s+what\\s+(?:everyone|everybody|other people|"
                    + "people|they|he|she|others|the other (?:customers|users))\\s+(?:(?:is|are)\\s+)?(?:browse|browses|browsing|"
                    + "visits?|visiting|types?|typing|searche?s?|searching|does online|look at|looks at)\\b"),
            // caller id spoofed, codes guessed by the thousand, leaked credentials bought
            Pattern.compile("\\b(?:make|set up|use|get|create|how (?:to|do i|can i))\\b[^.?!]{0,20}?\\b(?:fake|spoof(?:ed)?|"
                    + "forged?)\\s+(?:a\\s+|the\\s+|my\\s+)?caller\\s*id|\\b(?:show|display)\\s+(?:your|the|a|someone else's|"
                    + "another)\\s+(?:\\w+'s\\s+)?number when i (?:call|ring|phone)"),
            Pattern.compile("\\b(?:tries|try|trying|guess|guesses|guessing|cycles? through|runs? through)\\s+(?:thousands|"
                    + "hundreds|millions|all|every|lots)\\s+(?:of\\s+)?(?:possible\\s+)?(?:pins|passwords|codes|passcodes|"
                    + "combinations)\\s+(?:on|against|for)\\b"),
            Pattern.compile("\\b(?:buy|get|find|download|purchase)\\b[^.?!]{0,30}?\\b(?:leaked|stolen|hacked|dumped|breached)\\s+"
                    + "(?:\\w+\\s+)?(?:passwords|credentials|logins|accounts|card numbers|databases?|data)\\b"),
            // a number's records asked for by its digits, an order to "the bot" that reads this, the context window
            Pattern.compile("\\b(?:bot|ai|assistant|chatbot|model)s?\\b[^.?!\"]{0,10}?\\b(?:when|if|once|as soon as|after) you "
                    + "(?:read|see|process|get) this\\b|\\bcontext window\\b"),
            // verification skipped to take an account over
            Pattern.compile("\\b(?:skip|bypass|get around|waive|ignore|forget about|do without)\\s+(?:the\\s+|this\\s+|that\\s+|"
                    + "your\\s+)?(?:\\w+\\s+)?(?:verification|security|text|sms|one[- ]time|2fa|two[- ]factor|otp|identity|id)\\b"
                    + "[^?]{0,80}?\\b(?:reset|change|give me|tell me|read|send me|transfer|unlock|remove)\\b[^.?!]{0,40}?"
                    + "\\b(?:password|pin|passcode|card|account|number|sim|owner|holder)\\b"),
            Pattern.compile("\\b(?:read|tell|give|send|show)\\s+(?:me\\s+)?(?:back\\s+)?(?:the\\s+)?(?:full\\s+)?(?:credit\\s+|"
                    + "debit\\s+|payment\\s+|bank\\s+)?card\\s+(?:details\\s+|number\\s+)?(?:on file|on the account|stored|"
                    + "saved|we have|you have)\\b"),
            // a phone that is someone else's reported stolen: a story about it asks the same
            Pattern.compile("\\b(?:unlock|reactivate|activate|wipe|reset|bypass|flash|sell|use)\\b[^.?!]{0,40}?\\b(?:a|an|"
                    + "any|someone's|somebody's)\\s+(?:\\w+\\s+)?(?:phone|iphone|device|handset|tablet)s?\\s+(?:that|which)\\s+"
                    + "(?:was|is|has been|had been|got)\\s+(?:reported\\s+|marked\\s+|flagged\\s+)?(?:as\\s+)?(?:stolen|lost|"
                    + "blacklisted)\\b")));

    // money demanded: an order for a credit, refund, discount or free service ...
    // a claimed promise to be taken on trust: the customer asks not to be checked
    private static final PrefilteredPattern ON_TRUST = PrefilteredPattern.compile("\\b(?:trust me|take my word|i'm not lying|i am not lying|"
            + "i swear|believe me|no need to (?:check|verify|look)|don't (?:bother )?(?:check|verify)ing)\\b");
    // a credit score, report or card is no money the assistant gives
    private static final String MONEY = "\\b(?:credit(?:s|ed)?(?!\\s+(?:report|score|rating|history|card|check|bureau))|refund(?:s|ed)?|"
            + "discounts?|rebates?|reimburse|money back|free|waiv(?:e|ed|er)|comp(?:ed)?|off (?:my|the|this) bill|for nothing|"
            + "(?<=\\d)%? off|"
            + "zero|no (?:extra )?(?:charge|cost)|free of charge|on the house|complimentary|(?:fee|fees|charge|charges) "
            + "(?:goes|go|will go|would go) away)\\b";
    private static final PrefilteredPattern MONEY_WORD = PrefilteredPattern.compile(MONEY);
    private static final PrefilteredPattern MONEY_DEMANDED = PrefilteredPattern.compile("^(?:(?:please|just|now|so|and|ok|okay|then|go ahead "
            + "and|you (?:must|will|need to|have to|should))\\s+)*(?:give|apply|add|put|issue|grant|credit|load|deposit|transfer|"
            + "make|set|waive|zero out|wipe|erase|clear|comp|refund)\\b[^.?!]{0,50}?" + MONEY
            + "|\\b(?:i (?:want|need|expect|deserve|demand)|i'm owed|i am owed|you owe me)\\b[^.?!]{0,50}?" + MONEY);
    // ... of a size or a span
    private static final PrefilteredPattern MONEY_SIZE = PrefilteredPattern.compile("\\$\\s?\\d{2,}|\\b\\d{2,}\\s?(?:dollars|bucks|usd|%|"
            + "percent)|\\b(?:free (?:months?|years?|service|internet|tv|cable|upgrade|phone|iphone|plan|line|for)|"
            + "months? (?:of )?free|years? (?:of )?free|(?:for|of) (?:a |the |\\d+ |one |two |three |six |twelve )?(?:months?|"
            + "years?|life)\\b|forever|lifetime|permanent(?:ly)?|every month|each month|all (?:my |of my )?(?:fees|"
            + "charges|bills?)|entire (?:bill|balance)|whole (?:bill|balance|year)|(?:bill|balance) (?:to )?(?:zero|\\$?0)\\b)");
    private static final Pattern SENTENCE = Pattern.compile("[.!?;\\n]+|,\\s+(?=(?:and|so|then|just|now)\\b)");
    // the reasons real customers give for a credit: then it is a complaint, answered as one
    private static final PrefilteredPattern BASIS = PrefilteredPattern.compile("\\b(?:outage|out(?:age)? for|down for|went down|was down|"
            + "been down|no (?:service|internet|signal|connection|tv|power)|without (?:service|internet|tv|signal)|not "
            + "working|didn't work|stopped working|overcharg|double[- ]?charg|charged (?:twice|me twice|two times|"
            + "wrong|for)|billing error|wrong (?:charge|amount|bill)|incorrect|mistake|error|promised|promo|promotion|"
            + "offer|deal|advertised|quoted|cancel(?:l?ed)|returned|never (?:received|got|came|showed)|didn't (?:show|"
            + "come|arrive)|no[- ]show|missed (?:appointment|visit)|late fee|trade[- ]in|price lock|price match|"
            + "contract|early termination|moved|moving|disconnect|didn't (?:authori[sz]e|order|sign|agree|use)|unauthori[sz]ed|"
            + "fraud|never (?:ordered|used|signed|agreed)|slow|speeds?|dropp|interrupt|broken|faulty|damaged)");

    // money, fees or a bill wiped out on a threat or a claimed legal duty, with no service problem stated
    private static final PrefilteredPattern WIPED_OUT = PrefilteredPattern.compile("\\b(?:waive|refund|credit(?! card)|reimburse|comp|"
            + "remove|reverse|cancel|drop|wipe|zero out|forgive|write off|take off)\\b[^.?!]{0,60}?\\b(?:fees?|charges?|bills?|balance|"
            + "credit|refund|money|payments?|penalt(?:y|ies))\\b|\\b(?:refund|reimburse|credit) (?:me|my|every|all)\\b|"
            + "\\bmoney back\\b|\\b(?:zero|wipe|clear)\\s+(?:out\\s+)?(?:my|the)\\s+(?:account|balance|bill)\\b|"
            + "\\brefund (?:it|them|everything|all|in full)\\b|\\b(?:take|knock|clear)\\b[^.?!]{0,30}?\\b(?:fees?|"
            + "charges?|balance|bill)\\b[^.?!]{0,10}?\\boff\\b|\\b(?:take|knock|get)\\b[^.?!]{0,20}?\\boff (?:my|the|this|our) "
            + "(?:bill|balance|account)\\b|\\b(?:fees?|charges?|bills?|balance|penalt(?:y|ies))\\s+"
            + "(?:\\w+\\s+)?(?:waived|refunded|credited|removed|reversed|dropped|wiped|written off)\\b");
    // no reason at all, said so: "waive this month's bill, no reason, just don't want to pay"
    private static final PrefilteredPattern NO_REASON = PrefilteredPattern.compile("\\bno reason\\b[^.?!]{0,20}?\\b(?:just|i just|"
            + "simply)\\b|\\b(?:just|simply) (?:don't|do not) (?:want|feel like) (?:to )?pay(?:ing)?\\b(?!\\s+for\\b)");
    private static final PrefilteredPattern THREAT = PrefilteredPattern.compile("\\b(?:or (?:else|i(?:'ll| will| am going to|'m going to|'m "
            + "gonna| shall|'m)?|we(?:'ll| will)?)|otherwise|unless you|if you (?:don't|do not|refuse|won't|can't)|if i (?:don't|"
            + "do not) (?:get|see|receive)|before i)"
            + "\\b[^.?!]{0,80}?\\b(?:post(?:ing)?|report(?:ing)?|reviews?|sue|suing|lawyer|attorney|court|news|media|twitter|"
            + "tiktok|reddit|youtube|bbb|better business|fcc|ftc|regulator|ombudsman|chargeback|viral|expose|press|"
            + "journalists?)\\b|\\b(?:keep|i'll keep|i will keep)\\s+(?:\\w+\\s+){0,10}?until you (?:give|credit|refund|waive|"
            + "apply|issue)\\b");
    private static final PrefilteredPattern LEGAL_DUTY = PrefilteredPattern.compile("\\b(?:legally|by law|the law (?:says|requires)|"
            + "you(?:'re| are) (?:legally )?(?:required|obligated|obliged) (?:by law )?to|it'?s (?:the law|illegal (?:for "
            + "you )?not to)|(?:the )?(?:fcc|ftc|cfpb|ofcom|consumer (?:protection )?laws?|regulations?) (?:says?|requires?|"
            + "rules?|mandates?|say so|says so)|under (?:the )?(?:consumer|\\w+) (?:laws?|regulations?|rules|act))\\b");
    private static final PrefilteredPattern PROBLEM = PrefilteredPattern.compile("\\b(?:outage|went down|was down|been down|no (?:service|"
            + "internet|signal|connection|tv|power)|without (?:service|internet|tv|signal)|not working|didn't work|stopped "
            + "working|overcharg|double[- ]?charg|charged (?:twice|me twice|two times|wrong|me for something)|billing error|"
            + "wrong (?:charge|amount|bill)|incorrect|mistake|error|never (?:received|got|came|showed)|didn't (?:show|come|"
            + "arrive|authori[sz]e|order)|no[- ]show|missed (?:appointment|visit)|unauthori[sz]ed|never ordered|slow|dropp|"
            + "interrupt|broken|faulty|damaged|returned (?:the|it|my)|promised|fraud|scam|stolen|hacked)");
    // a control evaded: money split so that none needs approval, an approval dodged
    private static final PrefilteredPattern EVADED = PrefilteredPattern.compile("\\b(?:so|so that|to make sure|to)\\s+(?:none|no one|nothing|it|"
            + "they|each|neither)\\b[^.?!]{0,25}?\\b(?:hits?|exceeds?|goes? over|triggers?|trips?|crosses|reach(?:es)?|needs?|"
            + "gets? flagged)\\s+(?:the\\s+|your\\s+|a\\s+|any\\s+)?(?!my\\b)(?:\\w+\\s+)?(?:limit|threshold|cap|review|"
            + "approval|maximum|max|flag)\\b|\\b(?:avoid|get around|dodge|bypass|work around|skip)\\s+(?:the\\s+|your\\s+|"
            + "a\\s+)?(?:\\w+\\s+)?(?:approval|review|manager sign-?off|supervisor sign-?off)\\b");
    // the assistant told it cannot check, so it may as well give
    private static final PrefilteredPattern CANNOT_CHECK = PrefilteredPattern.compile("\\b(?:you(?:'re| are)(?: just)? (?:an? )?(?:ai|bot|machine|"
            + "robot|program|chatbot)|since you(?:'re| are) (?:an? |just an? )?(?:ai|bot|machine|robot|program|chatbot))\\b"
            + "[^.?!]{0,60}?\\b(?:can't|cannot|can not|couldn't|have no way to|won't be able to|unable to|don't)\\s+(?:really\\s+|"
            + "even\\s+|actually\\s+)?(?:verify|check|confirm|know|prove|tell)\\b|\\b(?:bots?|ais?|machines?|chatbots?)\\s+(?:can't|"
            + "cannot|couldn't|won't|have no way to)\\s+(?:really\\s+|even\\s+|actually\\s+)?(?:tell|verify|check|know|prove)\\b|"
            + "\\byou (?:can't|cannot|have no way to) (?:really |even |actually )?(?:verify|check|prove|tell) (?:if|whether|that) "
            + "(?:i|i'm|this)\\b|\\byou (?:can't|cannot|couldn't|have no way to) (?:really |even |actually |possibly )?(?:verify|"
            + "check|prove|confirm|tell|know)(?: that| it| this)? (?:anyway|either|regardless)\\b|\\byou (?:can't|cannot|can not|"
            + "won't be able to|have no way to) (?:prove|check|verify) (?:that )?(?:they|he|she|anyone|nobody|it) (?:didn't|did "
            + "not|wasn't|was not|never|weren't)\\b|\\byou (?:can't|cannot|can not) (?:possibly )?check every\\b");

    // the customer says the change would go unchecked ("no one will know"), money or an order on the account beside it
    private static final PrefilteredPattern UNCHECKED = PrefilteredPattern.compile("\\b(?:nobody|no one|noone|no-one)(?:'s)?\\s+"
            + "(?:ever\\s+|really\\s+|actually\\s+|even\\s+)?(?:checks?|audits?|verif(?:y|ies)|notices?|looks at|(?:will|would|"
            + "is going to|going to|gonna) (?:ever |really |actually )?(?:notice|know|check|find out|look at the (?:logs?|records?|"
            + "notes?)))\\b|\\bwho(?:'s| is)? (?:even |really |actually )?(?:gonna |going to )?(?:check|checking|notice|verify)"
            + "(?=\\s*(?:[,.!;?)]|$|anyway|lol|though|tho|honestly))\\b|\\b(?:the system|they|anyone|billing|the company)\\s+"
            + "(?:won't|will not|wouldn't|would not|doesn't|does not|never)\\s+(?:even\\s+|ever\\s+)?(?:notice|check|find out)"
            + "\\b|\\b(?:nobody|no one) (?:has|needs) to know\\b|\\boff the books\\b|\\bjust between (?:you and me|us)\\b|"
            + "\\bi (?:won't|will not|wont|promise not to) tell (?:anyone|anybody|a soul|your boss|your manager)"
            + "(?=\\s*(?:[,.!;?)]|$|you did\\b|about (?:this|it|that)\\b))|"
            + "\\b(?:this|it) (?:stays|will stay) between (?:us|you and me)\\b|\\bour little secret\\b");
    // a short outage, once, for which months are demanded: minutes down, a month or more asked for
    private static final PrefilteredPattern SHORT_OUTAGE = PrefilteredPattern.compile("\\b(?:down|out|offline|dropped|cut out|"
            + "disconnected)(?: for)? (?:about |like |maybe |roughly |only |just |barely |around )?(?:a few|a couple(?: of)?|\\d+|"
            + "one|two|three|five|ten|fifteen|twenty|thirty|forty) min(?:ute)?s?\\b|\\bit was (?:only|just) (?:this|yesterday|"
            + "last|one|a single) (?:morning|afternoon|evening|night)\\b");
    private static final PrefilteredPattern MONTHS_ASKED = PrefilteredPattern.compile("\\b(?:full|whole|entire) month|\\b(?:\\d+|"
            + "two|three|four|five|six|twelve) months\\b|\\bmonths? (?:of )?free\\b|\\b(?:a|whole) year\\b");
    private static final PrefilteredPattern RECURRING = PrefilteredPattern.compile("\\b(?:every|each|several times|times a|a day|"
            + "constantly|keeps?|always|again and again|repeatedly|daily|nightly)\\b");
    // a discount or a rate ordered by someone who says they do not qualify ("I'm not a veteran but my grandpa was")
    private static final PrefilteredPattern NOT_ELIGIBLE = PrefilteredPattern.compile("\\b(?:(?:i'm not|i am not|i've never been|i "
            + "have never been|i was never|i never was) (?:in )?(?:the |a |an )?(?:actual |real )?(?:employee|veteran|military|"
            + "army|navy|forces|student|senior|teacher|first responder|nurse|staff|pensioner|retiree)|(?:i don't|i do not|i "
            + "never|i didn't) (?:actually |even |really )?(?:work(?:ed)?|serve(?:d)?)(?: there| here| for (?:you|them|y'all|the "
            + "company|your company)| in the (?:military|army|navy|forces))?)(?: myself| either| really| actually)?,? but\\b");
    private static final PrefilteredPattern DISCOUNTED = PrefilteredPattern.compile("\\b(?:discount|rate|price|pricing|offer|"
            + "deal|promo|perk|benefit)s?\\b");
    // a loss reported with an admission that it was not one ("truth is I sold it"), or so as not to pay
    private static final PrefilteredPattern LOSS_CLAIMED = PrefilteredPattern.compile("\\b(?:report|claim|say|list|mark|record|"
            + "put)\\b[^.?!]{0,40}?\\b(?:as |was |got |is )?(?:stolen|lost|never (?:delivered|arrived|received|came))\\b");
    private static final PrefilteredPattern NOT_LOST = PrefilteredPattern.compile("\\b(?:truth is|to be honest|honestly|tbh|"
            + "in reality|actually),? (?:i|we) (?:sold|kept|still have|am keeping|broke|dropped|gave away) (?:it|them)\\b|"
            + "\\b(?:it's|its|it is|it was|they're|they are) (?:not|never) (?:really |actually )?(?:stolen|lost)\\b|\\b(?:i'm|i am) "
            + "keeping (?:it|them)\\b|\\b(?:it|they) "
            + "(?:isn't|wasn't|aren't|weren't) (?:really |actually )?(?:stolen|lost)\\b|"
            + "\\bso (?:that )?i (?:don't|do not|won't|will not) (?:get (?:hit|charged|billed)|have to (?:pay|return))\\b|"
            + "\\b(?:it's|its|it is|they're|they are) (?:actually |still |just |really )+(?:sitting|lying|at home|in my|right "
            + "here)\\b");
    // a record to be kept as what it was not ("log it as a five-day outage instead"), with money
    private static final PrefilteredPattern RECORDED_OTHERWISE = PrefilteredPattern.compile("\\b(?:log|record|code|mark|put|"
            + "note|list|file|enter)\\s+(?:it|this|that|the \\w+)\\s+(?:down\\s+)?as\\b[^.?!]{0,30}?\\b(?:instead(?! of)|on "
            + "your (?:side|end)|your (?:error|mistake|fault))\\b");
    // an event the customer says did not happen, to be recorded ("log an outage ... there wasn't one") or claimed for
    private static final PrefilteredPattern NONE_HAPPENED = PrefilteredPattern.compile("\\bthere (?:wasn't|was not|weren't|"
            + "were not|was never|were never|hasn't been|has not been|haven't been) (?:(?:actually|really|even|ever) (?:one|any|"
            + "an? (?:outage|fault|problem|issue))\\b|(?:one|any(?: \\w+)?),? but\\b|(?:one,? |any,? )?(?:really|actually)"
            + "(?=\\s*(?:[,.;!)]|but\\b|tbh\\b|lol\\b))|one,? (?:lol|tbh|haha|lmao)\\b)");
    private static final PrefilteredPattern RECORD_CREATED = PrefilteredPattern.compile("\\b(?:log|add|put|enter|record|label|"
            + "file|register|create|note|report|mark|open|raise|submit)\\b[^.?!]{0,30}?\\b(?:outage|fault|adjustment|damage|"
            + "claim|ticket|note|one\\b|it\\b)");
    // a visit to be recorded as missed that the customer says was made ("note he never showed up ... he did come")
    private static final PrefilteredPattern NO_SHOW_RECORDED = PrefilteredPattern.compile("\\b(?:note|say|put|mark|log|record|"
            + "tell)\\b[^.?!]{0,50}?\\b(?:never|didn't|did not) (?:show(?:ed)? up|came|come|turn(?:ed)? up|arrived?)\\b");
    private static final PrefilteredPattern CAME_AFTER_ALL = PrefilteredPattern.compile("\\b(?:he|she|they|the \\w+) did (?:come|"
            + "show(?: up)?|turn up|arrive)\\b");
    private static final PrefilteredPattern CLAIM_PURPOSE = PrefilteredPattern.compile("\\bso (?:that )?i (?:can|could) "
            + "claim\\b");
    private static final PrefilteredPattern DID_NOT_HAPPEN = PrefilteredPattern.compile("\\b(?:he|she|they|it|the \\w+) "
            + "(?:didn't|did not|never) (?:actually|really|even)\\b");
    // the outage's true length admitted ("ok it was more like an hour"), or a move noted that the customer says is not
    // happening, beside money
    private static final PrefilteredPattern ADMITTED_LESS = PrefilteredPattern.compile("(?:\\bit was (?:more like|really|actually|"
            + "only|just) |\\b(?:really|actually|honestly|tbh|truthfully),? it was (?:only |just |more like )?)(?:a |an )?(?:couple|"
            + "few|\\d+|one|two)? ?(?:of )?(?:minutes?|hours?|an hour|a day)\\b|\\b(?:i'm|i am|we're|we are) not (?:really "
            + "|actually )?(?:going anywhere|moving|leaving|emigrating|relocating)\\b");
    // the service admitted to have worked ("wifi was fine tbh"), beside an outage to be credited
    private static final PrefilteredPattern WORKED_ADMITTED = PrefilteredPattern.compile("\\b(?:was|been|is|'s|worked|works) "
            + "(?:totally |perfectly |actually )?(?:working |running )?(?:fine|working|ok|okay|perfect),? (?:tbh|honestly|"
            + "to be honest|tho|lol)\\b");
    // the truth of a claim declared beside the point ("whether it's true doesn't matter"), beside money
    private static final PrefilteredPattern TRUTH_WAIVED = PrefilteredPattern.compile("\\b(?:whether|if) (?:it's|it is|its|that's|"
            + "that is|he did|she did|they did|it happened)(?: true| or not| real)?\\b[^.?!]{0,20}?\\b(?:doesn't|does not|don't|"
            + "do not|won't|will not) matter\\b|\\b(?:doesn't|does not|don't|do not) matter (?:if|whether) (?:it's |it is |its "
            + "|that's )?(?:true|real|(?:he|she|they|it) (?:did|happened|was)(?: or not| it)?)\\b|\\bdon't care (?:if|whether) "
            + "(?:it's|it is|its|that's|any of it is) (?:true|real|accurate)\\b");
    // a reason to be made up for it: "pick one yourself, whatever gets it through"
    private static final PrefilteredPattern REASON_INVENTED = PrefilteredPattern.compile("\\b(?:pick|choose|come up with)\\s+(?:a |"
            + "any |one )?(?:reason|excuse)?\\s*(?:yourself|for me)\\b|\\b(?:make up|invent) (?:a |any |some )?(?:reason|excuse)"
            + "\\b|\\b(?:whatever|that) (?:gets|will get) (?:it|this|them) (?:through|approved|past)\\b|\\bwhatever (?:works|reason "
            + "you like)\\b|\\b(?:pick|choose|use) any (?:reason|code|reason code|excuse)\\b");
    // a good review offered for money: "I'll leave you five stars if you waive the fee"
    private static final PrefilteredPattern REVIEW_OFFERED = PrefilteredPattern.compile("\\b(?:i'll|i will|i can|i'd|i would|"
            + "i'm happy to)\\b[^.?!]{0,25}?\\b(?:5|five|10|ten)[- ]stars?\\b[^.?!]{0,40}?\\bif you\\b");
    // a change to the account ordered, not a service asked for ("nobody checks my area, send a technician")
    private static final PrefilteredPattern ORDER = PrefilteredPattern.compile("\\b(?:switch|change|set|move|put|mark|flag|add|apply|"
            + "update|upgrade|bump|give me|zero|clear|remove|waive|reset|knock|drop|lower|lock)\\b");
    // a record to be falsified, the customer saying it is not so: "mark it as paid, I'll pay later"
    private static final String MARKED = "\\b(?:(?:put|add|leave|make|write) (?:a )?note (?:on (?:my|the) account )?(?:that|"
            + "saying) (?:i|we) (?:returned|paid|sent|received|cancell?ed)|(?:mark|list|record|flag|show|log|put)\\s+(?:it|them|"
            + "this|that|(?:my|the|both|all|these|those|our)\\s+(?:\\w+\\s+){0,3}?\\w+)\\s+(?:down\\s+)?as\\s+(?:paid|paid in full|"
            + "settled|returned|received|delivered)|(?:mark|list|record|flag|show|log)\\s+(?:it|them|this|that|(?:my|the|both|all|"
            + "these|those|our)\\s+(?:\\w+\\s+)?\\w+)\\s+(?:paid|paid in full|settled|returned)(?=\\s*[,.;!]|\\s+(?:and|but|so|now|please)\\b)|tell (?:the system|your system|billing|them) (?:that )?(?:i|we) (?:returned|"
            + "paid|sent))\\b";
    private static final String NOT_SO = "\\b(?:(?:i|we) (?:didn't|did not|haven't|have not)(?=\\s*[,.;!]|\\s+but\\b)|i'?ll pay|i will pay|pay (?:it|them|you) (?:later|eventually|next)|(?:i'?m|i am) "
            + "not paying|won't pay|(?:haven't|have not|didn't|did not|never) (?:paid|returned|sent)|i'?m keeping|i am keeping|"
            + "dispute every|(?:i|we)(?:'ve| have)? still (?:have|got) (?:it|them|the (?:old )?\\w+)|(?:i'?ll|i will) (?:sort|"
            + "figure|deal with|work) (?:the (?:actual |real )?money|it|that|them|the payment)(?: out)? (?:later|eventually|next "
            + "month|when i can))"
            + "\\b";
    private static final PrefilteredPattern FALSIFIED = PrefilteredPattern.compile(MARKED + "[^\\n]{0,120}?" + NOT_SO + "|"
            + NOT_SO + "[^\\n]{0,120}?" + MARKED);

    // someone who is not on the customer's account, and their data asked for (a pronoun's, or held for their account,
    // number or home); the customer's own line, plan or a family member they hold passes
    private static final PrefilteredPattern PERSON_ELSE = PrefilteredPattern.compile("\\b(?:my\\s+)?(?:ex|ex[- ](?:wife|husband|girlfriend|"
            + "boyfriend|partner)|neighbou?r|roommate|flatmate|landlord|tenant|boss|colleague|co-?worker|stalker)"
            + "(?:s|'s|s')?\\b|\\bthe (?:flat|house|apartment|unit|home|place|people|family|couple) (?:below|above|upstairs|"
            + "downstairs|next door|across|opposite)\\b|\\b(?:lady|guy|man|woman|person|people|family) at (?:number |no\\.? |"
            + "#)?\\d+|\\b(?:someone|somebody) else\\b|\\ba stranger\\b|\\bthe (?:previous|former|old|last) (?:owner|"
            + "tenant|occupant|resident|subscriber)s?\\b|\\bthe (?:guy|man|woman|lady|person|people|family) (?:in|at|next "
            + "door|upstairs|downstairs|across)\\b");
    private static final PrefilteredPattern THEIR_DATA = PrefilteredPattern.compile("\\b(?:what(?:'s| is| are)|tell me|give me|pull up|look up|"
            + "look into|find|show me|read me|send me|share|list|check|search|access|get me|i need|i want|can i (?:see|get|"
            + "have)|let me see|which|confirm|what(?=\\s+(?:his|her|their)\\b))\\b[^.?!]{0,60}?(?:\\b(?:his|her|their)\\s+"
            + "(?:\\w+\\s+){0,2}?(?:phone number|number|name|"
            + "bills?|statements?|account|address|location|call (?:log|history|records)|texts|messages|usage|payments?|"
            + "balance|password|pin|email|details)\\b|\\b(?:phone number|number|name|bills?|statements?|address|location|"
            + "usage|payments?|balance|email|details|account (?:number|details|info))\\s+(?:\\w+\\s+){0,3}?(?:for|of|on|under|"
            + "belonging to|registered to|linked to|tied to|attached to)\\s+(?:that|this|the|his|her|their|my (?:ex|"
            + "neighbou?r|roommate|flatmate|landlord|tenant|boss))"
            + "\\b|\\b(?:new|forwarding|current)\\s+(?:service\\s+|home\\s+)?(?:address|number|location)\\b)"
            // whether they are a customer at all: "is my neighbour at 14 Elm Road with you?"
            + "|\\b(?:is|are)\\s+(?:(?!(?:a |the )?(?:problem|issue|fault|outage|down|wrong)\\b)[\\w']+\\s+){1,8}?(?:with you|a "
            + "customer(?: of yours| with you| here)?|your customers?|on your network)(?:\\s+guys)?\\s*\\?");
    // a stranger's owner to be identified: "its owner's phone … who is it?"
    private static final PrefilteredPattern OWNER_OF_IT = PrefilteredPattern.compile("\\b(?:its|the|this|that)\\s+owner'?s?\\s+(?:phone|number|"
            + "name|address|details|account)\\b[^\\n]{0,80}?\\b(?:who (?:is it|they are|he is|she is|owns)|tell me|give me|"
            + "find)\\b");
    // a line tapped: someone else's landline or calls listened in on
    private static final PrefilteredPattern LINE_TAPPED = PrefilteredPattern.compile("\\b(?:listen(?:ing)? in on|listen(?:ing)? to|"
            + "eavesdrop(?:ping)? on|tap(?:ping)?(?: into)?|bug(?:ging)?)\\s+(?:\\w+\\s+){0,4}?(?:landline|phone line|phone calls|"
            + "calls|line)s?\\b");
    private static final PrefilteredPattern OTHERS_LINE = PrefilteredPattern.compile("\\b(?:someone(?: else)?'?s|somebody"
            + "(?: else)?'?s|(?:a |my |the )?neighbou?r'?s|other (?:flats|people|tenants|apartments|units|residents)|in my "
            + "building|(?:his|her|their) (?:landline|line|calls|phone)|the (?:guy|man|woman|lady|people|family) (?:in|at|"
            + "next door|upstairs|downstairs))\\b");
    private static final PrefilteredPattern WHO_THEY_CALL = PrefilteredPattern.compile("\\b(?:see|know|find out|check|tell me|list)\\s+"
            + "(?:\\w+\\s+)?who\\s+(?:he|she|they)(?:'s| is| has| have|'ve)?\\s+(?:been\\s+)?(?:calls|calling|call|texts|"
            + "texting|messag\\w*|rings|ringing)\\b|\\bwho(?:'s| is| has)\\s+(?:my\\s+)?(?:gf|bf|girlfriend|boyfriend|wife|"
            + "husband|partner|ex|fianc[eé]e?)\\s+(?:been\\s+)?(?:calling|texting|messaging|ringing|talking to)\\b");
    // a number's location or records asked for by its digits, not the customer's own number
    private static final PrefilteredPattern NUMBER_RECORDS = PrefilteredPattern.compile("\\b(?:location|cell tower|tower|ping|call (?:records|"
            + "logs?|history)|security (?:answer|question)s?|passcode|subscriber (?:info|details|name)|texts|billing (?:postcode|zip|address)|voicemail(?: pin| password| "
            + "code| messages)?)\\s+(?:\\w+\\s+){0,3}?"
            + "(?:for|of|on|from)\\s+(?:the\\s+)?(?:number|line|phone|mobile)?\\s*\\+?\\d[\\d -]{6,}\\d|\\+?\\d[\\d -]{6,}\\d"
            + "[^.?!]{0,40}?\\b(?:customer of yours|with you)\\b[^.?!]{0,40}?\\b(?:give me|tell me|what(?:'s| is))");
    private static final PrefilteredPattern OWN_NUMBER = PrefilteredPattern.compile("(?<!\\bnot |n't )\\b(?:my|our) (?:own )?(?:number|line|phone|"
            + "mobile)\\b|"
            + "\\b(?:it's|it is|that's|which is) (?:mine|my number)\\b");
    // an order passed off as authorised by the one giving it
    private static final PrefilteredPattern AUTHORISING = PrefilteredPattern.compile("\\b(?:i(?:'m| am) authori[sz]ing you|i authori[sz]e you|"
            + "you (?:are|'re) (?:hereby |now )?authori[sz]ed) to\\b");
    private static final PrefilteredPattern HELD_BY_THEM = PrefilteredPattern.compile("\\b(?:on my (?:account|plan|bill)|my (?:family )?plan|"
            + "(?:i'm|i am) the (?:account )?(?:holder|owner)|authori[sz]ed (?:user|on)|power of attorney|passed away|"
            + "deceased|my (?:son|daughter|kid|kids|child|children|teen)(?:'s)?)\\b");

    // a premise a later turn can exploit: a game, a code word, a story, a hypothetical, a role
    private static final PrefilteredPattern SET_UP = PrefilteredPattern.compile("\\b(?:let's|lets|let us)\\s+(?:play|pretend|imagine|define|"
            + "make up|invent)\\b|\\bcode ?word\\b|\\bsecret word\\b|"
            + "\\bwhen i (?:say|type|write)\\b|\\b(?:imagine|pretend)\\b|\\byou(?:'re| are) (?:now )?(?:an? |my )"
            + "(?:\\w+\\s+)?(?:agent|character|persona|assistant|ai|bot|employee|manager|admin|villain|hacker)\\b|"
            + "\\bremember (?:this|that|the word|these)\\b|\\b(?:hypothetical(?:ly)?|"
            + "fictional|fiction|in a story|a story (?:about|where)|short story|screenplay|novel|role ?play|"
            + "a character|for a movie|for a book)\\b|\\bfor the rest of (?:this|our) (?:chat|"
            + "conversation)\\b|\\b(?:whenever|every time|each time|any time|anytime|once) i (?:say|type|write|send|use)\\b|"
            + "\\b(?:set|make|create|add|agree on|establish|have)\\s+(?:a|one|this|our|the|some)\\s+(?:new\\s+|special\\s+|"
            + "little\\s+)?(?:rule|deal|agreement|code|signal|trigger|password|game)\\s+(?:for|between|in)\\b|"
            + "\\bremember (?:this|that|something|these)\\s*(?:for me|for later)?\\s*[:.!?]|\\bsystem prompt\\b|"
            + "\\b(?:creative writing|writing (?:class|course|assignment)|(?:write|tell|help me (?:write|with)) (?:a|me a) "
            + "(?:story|scene|script|tale))\\b");
    // a later turn that cashes the premise in
    private static final PrefilteredPattern CASHES_IN = PrefilteredPattern.compile("\\b(?:in (?:the|our|that|your) (?:story|game|scene|"
            + "script|novel|world|scenario)|the character|as (?:that|the|this|my|your) (?:\\w+\\s+)?(?:agent|character|persona|"
            + "role|employee|manager|admin|assistant|ai|bot)\\b|in character|stay in|as (?:we|i) (?:agreed|said|discussed)|"
            + "like (?:we|i) (?:agreed|said)|code ?word|secret word|remember (?:the|our) (?:deal|rule|game|code|word|"
            + "agreement|story|role)|remember what (?:i|we) (?:said|agreed|told you)|exact (?:steps|words|"
            + "commands|instructions|code|method)|step[- ]by[- ]step|real (?:steps|instructions|details|method)|for "
            + "real|in detail|now do it|now (?:tell|give|show|write|list|say|apply|do)|go ahead and|you agreed|you said "
            + "you would|you promised)\\b|\\bexact(?:ly)?\\s+(?:\\w+\\s+){0,3}?(?:steps|commands|words|instructions|code|"
            + "method|tools?|flags|settings)\\b|\\breal\\s+(?:\\w+\\s+){0,2}?(?:names|tools|commands|steps|code|instructions|"
            + "method|details|flags)\\b|\\b(?:technically accurate|realistic|actually works?)\\b|\\bas (?:the|that|this|your|"
            + "my|a) (?:\\w+\\s+){0,2}?you (?:just )?(?:confirmed|saved|accepted|agreed to|acknowledged|remembered|"
            + "noted)\\b|\\b(?:apply|do|give|use) (?:that|the|it) (?:maximum|max|most|limit)\\b|\\b(?:first|last|opening) "
            + "(?:\\d+ |few |couple of )?(?:sentences?|lines?|words|paragraphs?) of (?:it|that|them)\\b");

    // an ask of the assistant: a question to it, an order at a sentence's start or after "just", "now", "so",
    // or how to do something; a complaint that only tells what went wrong has none
    private static final Pattern ASKS_THE_ASSISTANT = Pattern.compile("\\b(?:can|could|would|will) (?:you|ya)\\b|"
            + "\\bi (?:need|want) you to\\b|(?:^|[.!?:;]\\s*|\\b(?:just|now|so|then|and)\\s+)(?:give|tell|show|send|"
            + "apply|add|remove|waive|write|list|print|reveal|share|turn|switch|set|put|mark|change|reset|confirm|read|"
            + "pull|look|check|find|credit|refund|go ahead|do|let|make|note|log|cancel|drop|forget|ignore|repeat|paste|"
            + "copy|output|display|explain|describe|act|pretend|be|stay|answer|reply|say|respond|treat|skip|bypass|"
            + "disable|unlock|enable|activate|push|process|issue|post|clear|zero|backdate|transfer|port|move|forward|"
            + "track|locate)\\b|\\bhow (?:do|can|could|would|should) (?:i|we|you|someone|one)\\b");

    private AttackSignals() {
    }

    /** Whether the message carries one of the signals on its own. */
    static boolean match(String message) {
        String text = read(message);
        // a chat spelling ("ur devs gave u") can hide a rule's words
        return matchRead(text) || !text.equals(InjectionRules.normalize(message)) && InjectionRules.match(text)
                || Obfuscation.readings(message).stream()
                .anyMatch(reading -> InjectionRules.match(reading) || matchRead(read(reading)));
    }

    private static boolean matchRead(String text) {
        if (PrefilteredPattern.anyFinds(SIGNALS, text)) {
            return true;
        }
        if ((ON_TRUST.find(text) || CANNOT_CHECK.find(text)) && MONEY_WORD.find(text)) {
            return true;
        }
        if (EVADED.find(text) && (MONEY_WORD.find(text) || text.contains("adjustment"))
                || UNCHECKED.find(text) && (MONEY_WORD.find(text) || ORDER.find(text)) || FALSIFIED.find(text)) {
            return true;
        }
        if (SHORT_OUTAGE.find(text) && MONTHS_ASKED.find(text) && !RECURRING.find(text)
                || NOT_ELIGIBLE.find(text) && DISCOUNTED.find(text) && ORDER.find(text)
                || LOSS_CLAIMED.find(text) && NOT_LOST.find(text)
                || NONE_HAPPENED.find(text) && RECORD_CREATED.find(text)
                || NO_SHOW_RECORDED.find(text) && CAME_AFTER_ALL.find(text)
                || CLAIM_PURPOSE.find(text) && DID_NOT_HAPPEN.find(text)
                || (REVIEW_OFFERED.find(text) || RECORDED_OTHERWISE.find(text) || ADMITTED_LESS.find(text)
                        || TRUTH_WAIVED.find(text)
                        || WORKED_ADMITTED.find(text) && text.contains("outage"))
                        && MONEY_WORD.find(text)) {
            return true;
        }
        if (LINE_TAPPED.find(text) && OTHERS_LINE.find(text)) {
            return true;
        }
        if ((PERSON_ELSE.find(text) && THEIR_DATA.find(text) || WHO_THEY_CALL.find(text)
                || OWNER_OF_IT.find(text))
                && !HELD_BY_THEM.find(text)) {
            return true;
        }
        if (NUMBER_RECORDS.find(text) && !OWN_NUMBER.find(text)
                || AUTHORISING.find(text) && MONEY_WORD.find(text)) {
            return true;
        }
        if (NO_REASON.find(text) && (WIPED_OUT.find(text) || demandsMoney(text))
                || REASON_INVENTED.find(text) && (MONEY_WORD.find(text) || WIPED_OUT.find(text))) {
            return true;
        }
        if ((THREAT.find(text) || LEGAL_DUTY.find(text)) && !PROBLEM.find(text)
                && (WIPED_OUT.find(text) || demandsMoney(text)
                        || SENTENCE.splitAsStream(text).anyMatch(sentence -> MONEY_WORD.find(sentence)
                                && MONEY_SIZE.find(sentence)))) {
            return true;
        }
        return !BASIS.find(text) && SENTENCE.splitAsStream(text).map(String::strip)
                .anyMatch(sentence -> MONEY_DEMANDED.find(sentence) && MONEY_SIZE.find(sentence));
    }

    private static boolean demandsMoney(String text) {
        return SENTENCE.splitAsStream(text).map(String::strip).anyMatch(sentence -> MONEY_DEMANDED.find(sentence));
    }

    /** Whether the message asks the assistant to do or tell something, as every attack does. */
    static boolean asksTheAssistant(String message) {
        return ASKS_THE_ASSISTANT.matcher(read(message)).find();
    }

    /** Whether the message sets up a premise a later turn may exploit. */
    static boolean setsUp(String message) {
        return SET_UP.find(read(message));
    }

    /** Whether a turn after a set-up cashes the premise in. */
    static boolean cashesIn(String message) {
        return CASHES_IN.find(read(message));
    }

    // curly apostrophes are the same apostrophe, and chat spellings ("im", "u", "ur", "dont") the words they stand for
    private static String read(String message) {
        String text = InjectionRules.normalize(message).replace('\u2019', '\'').replace('\u2018', '\'');
        for (Map.Entry<Pattern, String> spelling : CHAT_SPELLINGS.entrySet()) {
            text = spelling.getKey().matcher(text).replaceAll(spelling.getValue());
        }
        return text;
    }

    private static final Map<Pattern, String> CHAT_SPELLINGS = Map.ofEntries(
            Map.entry(Pattern.compile("\\bim\\b"), "i'm"), Map.entry(Pattern.compile("(?<![\\w-])u(?![\\w-])"), "you"),
            Map.entry(Pattern.compile("\\bur\\b"), "your"), Map.entry(Pattern.compile("\\bdont\\b"), "don't"),
            Map.entry(Pattern.compile("\\bcant\\b"), "can't"), Map.entry(Pattern.compile("\\bwont\\b"), "won't"),
            Map.entry(Pattern.compile("\\bdoesnt\\b"), "doesn't"), Map.entry(Pattern.compile("\\bisnt\\b"), "isn't"),
            Map.entry(Pattern.compile("\\bive\\b"), "i've"), Map.entry(Pattern.compile("\\bpl[sz]\\b"), "please"),
            Map.entry(Pattern.compile("\\byoure\\b"), "you're"), Map.entry(Pattern.compile("\\bwhats\\b"), "what's"));
}
