/**
 * The vocabulary of practices: which words name each topic and which verbs make a sentence
 * a claim about it. Patterns run on normalised text (see normalise.ts). Kept apart from the
 * matching logic so the word lists can grow without touching how stance is read.
 */

export const COOKIE_WORD =
  /\bcookies?\b(?!\s*(?:policy|notice|banner|statement|settings|preferences|table|declaration|consent|section|page|list|bar|pop-?up|dialog|tool|manager|law|directive|below|above)\b)|\bcookie-?less\b|\bcookie-free\b/g;

export const COOKIE_VERB =
  /\b(?:use[sd]?|using|set|sets|setting|place[sd]?|placing|(?<!\b(?:our|the|your|online|web|app|a|an) )store[sd]?|storing|(?:is|are) fetched|fetch(?:es)? (?=your )|drop(?:s|ped)?|deploy(?:s|ed)?|serve[sd]?|employ(?:s|ed)?|collect(?:s|ed)?|plant(?:s|ed)?|rel(?:y|ies) on|reads?|receive[sd]?|loads?|loaded|install(?:s|ed)?|save[sd]?|utili[sz]e[sd]?|have|has|contains?|(?:runs?|works?|operates?|functions?) without|cookie-?less|cookie-free|implement(?:s|ed)?|work(?:s)? with|gets?|keeps?|apply|applies|create[sd]?|write[s]?|track)\b/;

export const COOKIE_DEFINITION =
  /^\s*(?:marketing|statistics?|statistical|preferences?|necessary|strictly necessary|analytics|functional|performance|advertising|targeting|unclassified) cookies (?:are|help|allow|enable|collect|let)\b(?=.*\b(?:a website|websites|website owners?|the website to|across websites)\b)|^\s*(?:a|an) (?:[\w-]+ ){0,2}cookies?\b|^\s*(?:persistent|session|third-party|first-party) cookies (?:are|have|can|expire)\b|\bcookies? can be used\b|\b(?:a cookie is|"?cookies"? are (?:small|tiny|little|text|simple|data|pieces?|files?|a small|used by (?:most|many|almost))|what (?:are )?cookies|cookies? (?:is|are) (?:a |an )?(?:small |text )?files?)\b/;

const COOKIE_KIND = '(?:tracking|advertising|targeting|marketing|profiling|cross-site|retargeting|ad|advertisement|behaviou?ral|analytics?|statistics?|statistical|social media|social|measurement)';
export const TRACKING_COOKIE = new RegExp(
  `\\b${COOKIE_KIND}(?:(?:,|,? or|,? and) (?:[a-z-]+ )?${COOKIE_KIND})* cookies?\\b` +
    '|\\bcookies? (?:(?:used )?for|to) (?:tracking|advertising|marketing|targeting|analytics|statistics|track|identify or track|profil\\w+|follow|show you (?:ads|advert\\w*|relevant|personali[sz]ed)|personali[sz]e ads|measure|serve (?:\\w+ )?ads|deliver (?:\\w+ )?ads)\\b' +
    '|\\bcookies? for (?:tracking|advertising|marketing|analytics) purposes\\b|\\b(?:use|uses|using) cookies (?:and (?:other|similar) )?tracking\\b|\\bcookies (?:and|or) (?:other |similar )?tracking technolog',
  'g',
);

export const ANALYTICS_WORD =
  /\b(?:analytics|web statistics|visitor statistics|usage statistics|statistics|telemetry|page ?view counts?|count (?:page ?views|visits|visitors)|measure (?:visits|traffic|how|which|the number|audience)|web ?stats|audience measurement)\b/g;

export const ANALYTICS_VERB =
  /\b(?:use[sd]?|using|run(?:s|ning)?|employ(?:s|ed)?|install(?:s|ed)?|loads?|set|sets|measure[sd]?|count(?:s|ed)?|collect(?:s|ed)?|has|have|rel(?:y|ies) on|with|through|via|track(?:s|ed)?|embed(?:s|ded)?|no|enable[sd]?|integrate[sd]?|gather|record|provided by|powered by)\b/;

export const THIRD_PARTY_TRACKING =
  /\bthird[- ]part(?:y|ies)(?:'s?)? (?:behaviou?ral )?(?:tracking|trackers?|tracking technolog\w+|scripts?|pixels?|analytics|resources|advertis\w+ (?:networks?|partners?|companies))\b|(?<!cookies (?:and|or) (?:other |similar )?)\btracking (?:pixels?|scripts?|services?|technolog(?:y|ies)|tools?|code|tags?|software|companies|networks?|takes place)\b|\btrackers?\b|\bcross-(?:site|context|device) tracking\b|(?<!cookies? (?:to|for) (?:\w+ (?:or|and) )?)\btracks? (?:you|users|visitors|individuals|anyone|anybody|people|readers|customers|guests|players|members|subscribers|patients|students|your (?:activity|activities|browsing|visits))\b|\b(?:be|being|is|are|get|gets) tracked (?:across|around|between|from (?:site|one)|over time|on other)\b|\b(?:show|serve|display|deliver)s? (?:you )?(?:personali[sz]ed |targeted |relevant |tailored )?(?:ads|adverts|advertising|advertisements) based on (?:your|their) (?:interests|browsing|activity|behaviou?r)\b|\bfollow you (?:around|across)\b|\b(?:scripts?|fonts?|images?|resources?|content|code|widgets?)(?:,? (?:or |and )?[a-z-]+){0,3} from (?:other|third-party|external|outside) (?:websites?|sites?|domains?|servers?|services?|providers?|companies)\b|\b(?:ad|advertising) networks?\b|\b(?:advertising|ad|marketing) partners\b|\b(?:behaviou?ral|advertising|social media|social) tracking\b|\b(?:no|any) tracking\b|\b(?:allow|permit|let) (?:any )?third part(?:y|ies) to (?:collect|track|place|set|use|gather)\b|\bover time and across (?:different|other|third-party) (?:websites|sites|services)\b|\b(?:on|across|from|in) (?:other|different|third-party) (?:websites|sites|apps)\b|\bsocial (?:media )?(?:plugins?|widgets?|pixels?|buttons)\b|\badvertising sdks?\b|\bno third parties\b|\b(?:we and )?our (?:advertising |marketing |ad )?partners (?:may |also |automatically |can )*(?:collect|gather|receive|track|record)\b|\bthird[- ]party (?:services|tools|providers|companies|vendors) (?:that|which|to|who) (?:\w+ )?(?:track|collect|monitor|serve ads)\b|\bserve ads based on\b|\b(?:set|placed|dropped|served) by third[- ]part(?:y|ies)\b|\bads based on (?:a user's|your|their) (?:prior|previous|past) visits\b/g;

/** A tracker vendor used by the site ("we use Google Analytics") or acting as a tracker ("Mailchimp records ..."). */
export const VENDOR_USE =
  /\b(?:we|i|our (?:website|site|apps?|games?|shop|store|blog|pages?|services?|products?|platform|software|extension|plugin)|this (?:website|site|app|game|blog))\b[^.;]{0,40}\b(?:use|uses|using|used|load|loads|embed|embeds|run|runs|install|rely on|employ|turn off|add|include|have|measure)\b|\b(?:through|via|with) (?:the )?[a-z]|\b(?:is|are|will be|may be) (?:not |never )?(?:loaded|placed|set|installed|embedded)\b/;
export const VENDOR_TRACKS = /\b(?:(?:sets?|uses?|places?|drops?|stores?) (?:its own |their own |a |first-party |third-party )?cookies?|records|tracks|tells (?:me|us)|collects information about|collects your|combine|combines|tells us who|links? your visit|follows?)\b/;

export const BEHAVIORAL_ADS =
  /\b(?:behaviou?ral|interest-based|targeted|personali[sz]ed|cross-context behaviou?ral|tailored|relevant|retargeted) (?:advertising|ads|advertisements|marketing|offers)\b|\bretargeting\b|\bremarketing\b|\badvertising (?:cookies|profiles?|features)\b|\bshow you (?:our |relevant )?(?:ads|adverts|advertising|offers)\b|\bads elsewhere\b|\bno advertising\b|\b(?:serve|show|display|run|use) (?:\w+ )?(?:ads|advertising)\b/g;

export const SHARING_VERB =
  /\b(?:share[sd]?|sharing|go(?:es)? (?:straight|directly) to|(?:shown|displayed|published) (?:publicly|under|on (?:the|our|my) (?:site|page|article|post)|next to|alongside|to (?:other|all|everyone))|made public|disclos(?:e|es|ed|ing)|transfer(?:s|red|ring)?|(?<!\b(?:a|an|the|our|your|my) )(?:trade[sd]?|trading|rent(?:s|ed|ing)?|lease[sd]?)\b(?! (?:agreement|payments?|plot|room|space))|pass(?:es|ed|ing)?(?= (?:\w+ ){0,3}(?:on|along|to)\b)|hand(?:s|ed)? (?:\w+ )?over|make (?:\w+ ){0,2}available to|give (?:\w+ )?(?:away|out)|given (?:to|away)|distribut(?:e|es|ed|ing)\b(?! (?:newsletters?|our newsletter))|transmit(?:s|ted)? (?:\w+ )?to|give(?:s|n)?\b(?= (?:or (?:sell|share|rent) )?(?:\w+ ){0,4}to (?:anyone|anybody|third|other|outside|any|another|advertisers))|gets? (?:any )?(?:information|data|details|personal data) from us|receives? (?:any )?(?:information|data|personal data) from us|(?<=\buse (?:[a-z]+ ){1,3})to (?:store|host|manage|send|deliver|process) (?=(?:the |our |your )?(?:\w+ )?(?:list|data|information|newsletter|emails?|it|them|messages))|provide (?:it|them|this|your \w+(?: \w+)?) to|send (?:it|them|this) to)\b/g;

export const SHARING_NOT = /\bshare (?:buttons?|this (?:page|article|post|story|link)|links?|on social|your (?:thoughts|feedback|story|opinion))\b|\bsocial sharing\b|\bshared (?:hosting|server)\b|\bdisclose (?:in|below|above)\b|\b(?:market|fair) share\b/;

export const SALE_VERB = /\b(?:sell|sells|selling|sold|a "sale(?=")|sale of (?=(?:your |personal |customer |user |consumer )?(?:data|information|personal))|rent or sell|for sale)\b/g;

export const COLLECTION_VERB =
  /\b(?:collect(?:s|ed|ing)?|gather(?:s|ed|ing)?|obtain(?:s|ed)?|(?:be|being|been|is|are|was|were) recorded\b|(?<!\b(?:the|our|your|in|of|these|those|membership|patient|medical|its|their|my|any|a|from|client|customer|health|financial|such|session|screen|call) )record(?:s|ed|ing)?\b(?! (?:of|for|at|in|and|is|are|tools?|software|scripts?|services?)\b)|(?<!\b(?:the|our|your|in|of|server|access|error|its|their|my|these|those|a|from|to) )log(?:s|ged)? (?=your |the ip |ip |visits |requests |access |each )|writes? (?:\w+ )?logs|sees (?=your )|(?<!\b(?:our|the|your|online|web|app|a|an) )store[sd]?|storing|(?:is|are) fetched|fetch(?:es)? (?=your )|keep(?:s|ing)?|kept|hold(?:s|ing)?|retain(?:s|ed)?|capture[sd]?|(?:be|being|been|is|are|was|were) captured|receive[sd]?|ask(?:s|ed)? (?:you )?for(?! (?:\w+ )?(?:permission|consent)|(?: it| them| this)\b)|take (?:orders|bookings|registrations|sign-?ups|payments) from|request(?:s|ed)? (?:your|the)|process(?:es|ed)?(?= (?:your ip|ip|the ip|sensitive|any sensitive|special category))|save[sd]?\b(?! (?:where|for|as|that|insofar|in so far)\b)|contains? (?=(?:no |any |your |the )?(?:ip|personal|e-?mail|names?|information|data|identif|location|addresses))|includes? (?=(?:no |any |your |the )?(?:ip address|e-?mail address|names?|file names|file contents|location|device identifiers?)\b)|(?<!\bto )sends? (?:us )?(?:an? |the |some )?(?:anonymous |anonymi[sz]ed |basic )?(?:events?|reports?|pings?|usage data|statistics|metrics|diagnostics|crash reports?)|(?<!\bwho )need (?=your|a |an |the )|process(?:es|ed|ing)? (?=(?:[a-z']+ ){0,3}(?:data|information|details) (?:that |which )?you (?:upload|provide|submit|enter|give|send|store))|solicit|personal data processed|data processed:|phones? home|telemetry|sends? (?:\w+,? ){0,8}anywhere|have access to|(?:stays?|sits?|remains?|lives?|is kept) in (?:our|my) (?:own )?(?:mailbox|inbox|email)|tells? (?:us|me)(?! (?:about|if|when|whether you))|(?:written|saved|sent|uploaded|transmitted) (?:\w+ )?to (?:us|me|our|my)\b|reads? (?=your (?:messages|emails?|bookmarks|data|files|content|notes|answers))|see (?=your (?:messages|emails?|bookmarks|data|files|content|notes|answers|card|password)))\b/g;

export const DATA_WORD =
  /\b(?:information|orders|events?|stack traces?|crash reports?|info|data|details|e-?mail|(?:nick|user|display )?names?|contact lists?|answers|bookmarks|calls|images? of you|footage|cctv|recordings?|phone|telephone|address(?:es)?|ip|location|card|payment|identifiers?|birth|pii|personal|usage|browser|device|messages?|logs\b|server logs?|anything|nothing|everything|records?|identity|passport|contact|visits?|telemetry|feeds?|configuration)\b/;

/** "the information we collect": a noun phrase, not a statement that collection happens. */
export const META_STATEMENT = /\b(?:this (?:privacy |cookie )?(?:policy|notice|statement|page|document|section) (?:explains|describes|sets out|tells you|covers)|explains how|describes how|how (?:we|i) (?:use|collect|process|handle)|is set out in|are set out in|are provided in|dedicated sections?|learn more about how)\b/;
export const RELATIVE_COLLECTION = /\bwants? us to $|\b(?:account holders|users|members|visitors|subscribers|customers) (?:will |may |can )?$|\b(?:cookies|technologies|pixels|beacons|tools|scripts)\b[^.;]{0,40}\bto (?:\w+ (?:and|or) )?$|\b(?:data|information|details) $|\b(?:information|data|details|everything|anything|nothing|what|how|which|that|the way|ways|purposes for which|types of \w+|records?) (?:that |which |else )?(?:we|i|you|they) (?:\w+ )?$|\b(?:allow|permit|let|enable)s? (?:any )?(?:third[- ]part(?:y|ies)|other companies|others|advertisers) to $/;
/** "If we learn that ...", "If we add a cookie, ...": a hypothetical, not a practice. */
export const HYPOTHETICAL = /^\s*if (?:we|i) (?:ever )?(?:learn|discover|find out|become aware|are made aware|are told|add|introduce|start using|begin using|decide)\b/;
export const RETENTION = /\b(?:beyond (?:the )?(?:last |first )?\d+|keep records|(?:for )?longer than|for (?:\d+|as long|up to|the (?:duration|period)|a (?:short|long)|(?:one|two|three|six|twelve) (?:days?|weeks?|months?|years?))|after \d+|(?:are|is|get) deleted|retention|retain\w* for)\b/;
export const USER_PROVIDES =
  /\b(?:(?:you|users|customers|subscribers|members|visitors|writers|readers|players|donors|guests|clients|patients|parents|applicants|buyers|sellers) (?:must |need to |will |may |can |could |who \w+ )?(?:provide|give us|enter|submit|type|send us|fill in|(?:optionally )?add)|you are asked (?:for|to provide))\b/g;

export const CHILDREN_WORD = /\b(?:children|child|kids|minors?|under (?:the age of )?(?:13|16|18|thirteen|sixteen)|anyone under|persons? under|coppa|young people)\b/g;
export const CHILDREN_VERB =
  /\b(?:collect\w*|market\w*|direct\w*|intend\w*|target\w*|knowingly|aim\w*|design\w*|suitable|offer\w*|sell\w*|use[sd]?|meant|allow\w*|permit\w*|register|sign up|process\w*|accept\w*)\b/;

export const CHANGE_WORD = /\b(?:chang(?:e|es|ed|ing)|updat(?:e|es|ed|ing)|modif(?:y|ies|ied|ication|ications)|revis(?:e|es|ed|ion|ions)|amend(?:s|ed|ment|ments)?|new versions?|changed versions?)\b/;
export const NOTIFY_VERB =
  /\b(?:notif\w+|inform|tell|e-?mail|announce[ds]?|post(?:ed|ing)?|put (?:up )?a notice|notice|banner|highlight(?:ed)?|rewrite|publish(?:ed)?|let (?:you|users|members) know|alert|show|made through|pull requests?|listed|record(?:ed)?|indicate[sd]?|revise the date|change the date|gets? an email|contact)\b/;
export const POLICY_WORD = /\b(?:policy|notice|statement|page|file|terms|document|this privacy|these promises|this list|any of this|this ever)\b|\bif (?:this|these|any of this|anything here) (?:ever )?changes?\b/;

export const REVIEW_VERB =
  /\b(?:review|access|correct(?:ion|ions|ed)?|delet\w+|remove|eras\w+|rectif\w+|see|amend|copy of|export|download|unsubscribe|change their|update your|update their|change your|change the address|verify the correctness|opt out of (?:marketing|emails|the newsletter)|exercise (?:any of )?(?:these|your) rights|submit a request|any request about your data|what we hold)\b/;
export const REVIEW_SUBJECT =
  /\b(?:you (?:can|may|have the right|are entitled|could)|users (?:can|are able|may|have the right)|members (?:can|may)|to (?:review|access|request|see|correct|delete|update|change|obtain|ask|exercise|submit)|able to|request|ask (?:us|me)|if you ask|e-?mail (?:us|me)|contact (?:us|me)|write to|call (?:us|me)|right to|i will|we will|i'll|we'll|for corrections)\b|^\s*(?:e-?mail|contact|write|call|ask|delete|export|for corrections|to see|to ask|to change)\b/;

export const EFFECTIVE_WORD =
  /\b(?:effective|last|latest|updated?|revised|revision|adopted|dated|date|edited|amended|posted|version|modified|touched|changed|valid from|in force|as of)\b/;

export const DNT_HONOUR_VERB =
  /\b(?:ignore[sd]?|affect(?:s|ed)?|respond(?:s|ing)?|honou?r(?:s|ed|ing)?|respect(?:s|ed|ing)?|recogni[sz]e[sd]?|support(?:s|ed)?|comply|complies|follow(?:s)?|obey(?:s)?|act(?:s)? on|treat(?:s|ed)?|observe[sd]?|accept(?:s)?|react(?:s)?|process(?:es)?|change (?:our|its|the way|how|any)|alter|adjust)\b/;
export const DNT_PRACTICE_VERB = /\b(?:track(?:s|ed)?|record(?:s)?|load(?:s|ed)?|set(?:s)?|collect(?:s|ed)?|stop(?:s|ped)?|share[sd]?|disable[sd]?|turn(?:s|ed)? off|switch(?:es|ed)? off)\b/;
export const GPC_EXTRA = /\b(?:opt-out preference signals?|universal opt-out (?:mechanisms?|signals?)|browser privacy signals?)\b/;

export const LAW_WORD = /\b(?:act|law|laws|statute|regulation|rule|principles?|caloppa|coppa|gdpr|ccpa|cpra|ftc|commission|federal|legislation|directive)\b/;
export const FIRST_PERSON = /\b(?:we|our|us|i|my|me|this (?:web)?site|the (?:web)?site|this blog|the blog|the (?:council|company|charity|organi[sz]ation|practice|clinic|firm|owner|controller|society|club|school|trust|association|business|shop|store|service|app))\b/;

/** Subjects that make a clause about the user, not the site: "you can turn off cookies". */
export const USER_SUBJECT = /\b(?:(?<!\b(?:of|about|to|from|for|with|show|tell|give|send|let|help|ask) )you|(?<!\b(?:collects?|reads?|access(?:es)?|uses?|on|from|in|into|to|of|about|identify|recogni[sz]es?) )your (?:browser|computer|device)(?!'s)|users? (?:can|may|should)|visitors? (?:can|may)|websites|browsers|most sites|many sites)\b(?!.*\b(?:we|i|our|us)\b)/;

export const THIRD_PARTY_SUBJECT =
  /\b(?:third[- ]part(?:y|ies)|partners?|vendors?|providers?|advertisers?|networks?|processors?|software|they|host|google|meta|facebook|stripe|paypal|github|netlify|cloudflare|plausible|matomo|hotjar|cliniko|these services|service providers?)\b/;
