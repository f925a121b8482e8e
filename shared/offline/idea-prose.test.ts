import { describe, expect, it } from "vitest";
import { analyseIdea } from "./idea.ts";
import { listedEntities } from "./idea-lists.ts";
import { gerund, proseEntities } from "./idea-prose.ts";
import { spellOut } from "./spelling.ts";
import { tagTokens } from "./idea-tagger.ts";
import { verbRecord } from "./idea-words.ts";
import { plural, singular } from "./text.ts";

const names = (idea: string) => listedEntities(idea).map((e) => e.name);
const tags = (text: string) => Object.fromEntries(tagTokens(text.split(" ")).map((t) => [t.word, t.tag]));

describe("reading records from prose", () => {
  it("reads a verb by its place: after a noun with its object, a verb that is never a name, \"to\" after a verb", () => {
    expect(names("Help a brewery keep batches, recipes, tanks and kegs in order")).toEqual(["batch", "recipe", "tank", "keg"]);
    // "send" starts a clause after "and"; "apply" is no adverb; "apply to" takes a noun, not an infinitive.
    expect(names("candidates apply to job openings, recruiters schedule interviews and send offers")).toEqual(["candidate", "application", "job opening", "recruiter", "interview", "offer"]);
    expect(tags("we need to track loans")).toMatchObject({ need: "verb", track: "verb", loans: "noun" });
  });

  it("ends a list item at any preposition and knows irregular plurals", () => {
    // Scoring, like rating, is kept between a judge and an entry.
    expect(names("teams submit projects, judges score them against criteria")).toEqual(["team", "project", "judge", "score", "criterion"]);
    expect(names("Equipment rental for a ski shop — skis, boots, helmets")).toEqual(["ski", "boot", "helmet"]);
  });

  it("keeps the subjects of clauses as well as their objects", () => {
    expect(names("customers drop off bikes and mechanics log repairs")).toEqual(["customer", "bike", "mechanic", "repair"]);
    expect(names("Dispatchers send technicians to customers' homes to install routers")).toEqual(["dispatcher", "technician", "customer", "home", "router"]);
  });

  it("reads relative clauses and by/for/to phrases", () => {
    expect(names("photographers upload galleries for clients who pick photos")).toEqual(["photographer", "gallery", "client", "photo"]);
    expect(names("a marketplace where sellers list handmade soaps and buyers leave reviews")).toEqual(["seller", "handmade soap", "buyer", "review"]);
    // "which suppliers deliver it": a plural before another word is the relative clause's subject.
    expect(names("An inventory app: the orders we place, which suppliers deliver them, and the shelves they go on")).toEqual(["order", "supplier", "shelf"]);
  });

  it("reads passives: the subject and the agent are records", () => {
    const read = listedEntities("patients are referred by doctors and get triaged by nurses");
    // A triage is kept between nurse and patient, like the referral between doctor and patient.
    expect(read.map((e) => e.name)).toEqual(["patient", "referral", "doctor", "triage", "nurse"]);
    expect(read.find((e) => e.name === "referral")!.refs).toEqual(["doctor", "patient"]);
    expect(names("crew members are assigned to voyages by the captain")).toEqual(["crew member", "voyage"]);
  });

  it("keeps two- and three-word names", () => {
    expect(names("recruiters post job openings and candidates send applications")).toEqual(["recruiter", "job opening", "candidate", "application"]);
    expect(names("musicians need sheet music for rehearsals")).toEqual(["musician", "sheet music", "rehearsal"]);
    expect(names("a winery app that tracks wine lots, barrels and tastings")).toEqual(["wine lot", "barrel", "tasting"]);
    expect(names("coworking space with desks, members, meeting room bookings and invoices")).toEqual(["desk", "member", "meeting room booking", "invoice"]);
    // Three words only in a list: in a clause the first of them is a verb.
    expect(names("staff record damage and chase late returns")).toEqual(["staff member", "damage", "late return"]);
    expect(names("Makerspace kit\n- 3D printers\n- laser cutters")).toContain("3d printer");
  });

  it("names the record a lasting arrangement between two parties makes, referring to both", () => {
    expect(listedEntities("friends borrowed my games")).toEqual([
      { name: "friend", refs: [] },
      { name: "loan", refs: ["game", "friend"] },
      { name: "game", refs: [] },
    ]);
    expect(names("pilots swap flights with each other")).toEqual(["pilot", "swap", "flight"]);
    expect(names("which of my board games are lent out and to whom")).toEqual(["board game", "loan"]);
    expect(names("customers book time slots with stylists")).toEqual(["customer", "booking", "time slot", "stylist"]);
    // Booking a session, paying an invoice or submitting a project already names its record.
    expect(names("clients book sessions with trainers")).toEqual(["client", "session", "trainer"]);
    expect(names("teams submit projects and clients pay invoices")).toEqual(["team", "project", "client", "invoice"]);
    // A participle in a series of passives: "…confirmed by hosts, and reviewed after checkout".
    expect(names("Bookings are made by guests, confirmed by hosts, and reviewed after checkout.")).toEqual(["booking", "guest", "host", "review"]);
    expect(verbRecord("referred")).toBe("referral");
    expect(verbRecord("applies")).toBe("application");
    expect(verbRecord("walked")).toBeUndefined();
  });

  it("never takes pronouns, determiners or the app's audience for records", () => {
    expect(names("a book club where members suggest novels and others vote on them")).toEqual(["member", "novel", "vote"]);
    expect(names("which of my tools did my neighbours borrow? they return them to each other")).toEqual(["tool", "neighbour", "loan"]);
    expect(names("An app for dog walkers")).toEqual([]);
    expect(names("Farm shop where farmers sell vegetable boxes to subscribers, deliveries go out on Fridays")).toEqual(["farmer", "vegetable box", "subscriber", "delivery"]);
    expect(names("personal budget tracker with monthly charts")).toEqual(["budget"]);
    // Moving up "a belt" names the belts as records of their own, besides each member's belt level.
    expect(names("Karate dojo app\n- Members: name, email, belt level\n- Gradings where members move up a belt")).toEqual(["member", "belt level", "grading", "belt"]);
  });

  it("keeps singular records where grammar says there are many: each, every, a known record next to a verb", () => {
    expect(names("each volunteer signs up for shifts")).toEqual(["volunteer", "sign up", "shift"]);
    expect(names("Staff swap shifts with each other")).toEqual(["staff member", "swap", "shift"]);
    expect(names("Track my houseplants, their watering schedule and the repotting I do")).toEqual(["houseplant", "watering schedule", "repotting"]);
  });

  it("places verbs the tagger could not: \"do\" as a main verb, a verb at a clause's end, bare relative clauses", () => {
    // "do" before a plural is the main verb; in a question it stays an auxiliary (see the neighbours' tools above).
    expect(names("students report damage, and wardens do inspections")).toEqual(["student", "damage", "warden", "inspection"]);
    // A plural and one more word before the comma, after an earlier clause's verb, is a subject and its verb: no page "apply".
    expect(names("Recruiters post job openings, candidates apply, and hiring managers interview them")).toEqual(["recruiter", "job opening", "candidate", "application", "hiring manager", "interview"]);
    // "the sheet music [that] our orchestra owns": the clause's subject is no record "orchestra own", its head is a record.
    expect(names("Help me keep track of the sheet music our orchestra owns, which musicians have borrowed which parts")).toEqual(["sheet music", "musician", "loan", "part"]);
    expect(listedEntities("Players, instruments that the band lends to players, gigs and setlists").map((e) => e.name)).toEqual(["player", "instrument", "loan", "gig", "setlist"]);
    expect(tags("the books the library owns")).toMatchObject({ library: "noun", owns: "verb" });
    expect(names("track the equipment our team uses and the repairs it needs")).toEqual(["equipment", "repair"]);
    // An -s word after "the" and one noun, before a two-word plural name, is the verb, unless it names people.
    expect(names("the farm sells vegetable boxes to subscribers")).toEqual(["vegetable box", "subscriber"]);
    expect(names("the dog groomers leave notes")).toEqual(["dog groomer", "note"]);
    // After "help me", "let us": a bare infinitive, so "track" is no noun and "expenses" no verb.
    expect(names("Help me track expenses my team submits")).toEqual(["expense"]);
    expect(names("patients are seen by doctors, who do checkups")).toEqual(["patient", "doctor", "checkup"]);
    // "sessions are scheduled and paid for": a participle coordinated with a passive; after a passive, "for" names no audience.
    expect(names("once an offer is accepted, sessions are scheduled and paid for")).toEqual(["session", "payment"]);
    expect(names("selected films are screened in venues, tickets are sold for screenings.")).toEqual(["film", "venue", "ticket", "screening"]);
  });

  it("keeps a bare activity after a preposition, but no time unit", () => {
    expect(names("Which volunteers are on shift at the food bank this week?")).toEqual(["volunteer", "shift"]);
    expect(names("Student housing: rooms are allocated to students each term")).toEqual(["room", "student"]);
    expect(names("Groups hire rooms by the hour")).toEqual(["group", "booking", "room"]);
    // In the plural a time unit may be a record of its own.
    expect(names("Track shifts, hours and pay")).toEqual(["shift", "hour", "pay"]);
  });

  it("derives interviews, hires, invoices, payments, inspections and triage only where they are records between two parties", () => {
    expect(names("we invoice clients monthly")).toEqual(["invoice", "client"]);
    expect(listedEntities("wardens inspect rooms").find((e) => e.name === "inspection")!.refs).toEqual(["room", "warden"]);
    // Hiring staff is employment, not a booking; paying rent or invoices names its record already, paying tutors does not.
    expect(names("we hire staff")).toEqual(["staff member"]);
    expect(names("I need an app where landlords list flats and tenants pay rent")).not.toContain("payment");
    expect(names("parents pay tutors")).toEqual(["parent", "payment", "tutor"]);
  });

  it("logs what a tracker follows \"when I do it\"", () => {
    expect(listedEntities("Track my houseplants, how often I water them and when I repot them")).toEqual([
      { name: "houseplant", refs: [] },
      { name: "watering", refs: ["houseplant"] },
      { name: "repotting", refs: ["houseplant"] },
    ]);
    // A verb that is an activity already is its own record; without a tracking verb nothing is logged.
    expect(names("Track my dogs and when I walk them")).toEqual(["dog", "walk"]);
    expect(names("an app for my bikes and when I clean them")).not.toContain("cleaning");
    expect([gerund("prune"), gerund("feed"), gerund("water"), gerund("repot")]).toEqual(["pruning", "feeding", "watering", "repotting"]);
  });

  it("starts a clause's record after its verb", () => {
    expect(names("customers drop off bikes, we create repair tickets, mechanics order parts from suppliers")).toEqual(["customer", "bike", "repair ticket", "mechanic", "part", "supplier"]);
    expect(names("I need an app where landlords list flats and tenants pay rent")).toEqual(["landlord", "flat", "tenant", "rent"]);
  });
});

describe("telling verbs from nouns by their place", () => {
  it("after a subject pronoun, who, to or a modal a word is a verb", () => {
    expect(tags("we create tickets")).toMatchObject({ we: "subject", create: "verb", tickets: "noun" });
    expect(tags("clients who pick photos")).toMatchObject({ clients: "noun", pick: "verb", photos: "noun" });
    expect(tags("to log patients")).toMatchObject({ log: "verb", patients: "noun" });
    expect(tags("lends to players")).toMatchObject({ players: "noun" });
    expect(tags("members can book tools")).toMatchObject({ book: "verb", tools: "noun" });
    // After a verb or preposition "which" asks about a noun; after a noun it starts a clause.
    expect(tags("track which client projects")).toMatchObject({ which: "det", client: "noun", projects: "noun" });
    expect(tags("a shop , which takes orders")).toMatchObject({ which: "which", takes: "verb" });
  });

  it("a word after a plural subject, or an -s word after a singular one, is a verb", () => {
    expect(tags("mechanics log repairs")).toMatchObject({ mechanics: "noun", log: "verb", repairs: "noun" });
    expect(tags("the landlord assigns repairs")).toMatchObject({ landlord: "noun", assigns: "verb" });
    expect(tags("dog owners find sitters")).toMatchObject({ dog: "noun", owners: "noun", find: "verb" });
    expect(tags("our nonprofit runs food drives")).toMatchObject({ runs: "verb", drives: "noun" });
    expect(tags("a sports league manager")).toMatchObject({ sports: "noun", league: "noun", manager: "noun" });
  });

  it("a word before the or them is a verb, a participle after is/are is no record", () => {
    expect(tags("interview them")).toMatchObject({ interview: "verb" });
    expect(tags("quilters share patterns and hold monthly meetups")).toMatchObject({ hold: "verb", meetups: "noun" });
    expect(tags("and fuel receipts")).toMatchObject({ fuel: "noun", receipts: "noun" });
    expect(tags("track my plants")).toMatchObject({ track: "verb" });
    expect(tags("prints are ordered")).toMatchObject({ ordered: "mod" });
    expect(proseEntities("prints are ordered".split(" ")).entities.map((e) => e.name)).toEqual(["print"]);
  });

  it("reads plurals: -ics words, -ie nouns and irregular ones; fields of study stay one word", () => {
    expect(singular("mechanics")).toBe("mechanic");
    expect(singular("topics")).toBe("topic");
    expect(singular("physics")).toBe("physics");
    expect(singular("analytics")).toBe("analytics");
    // -ies is a -y noun's plural, except for nouns ending in -ie.
    expect(["categories", "pies", "movies", "cookies", "deliveries"].map(singular)).toEqual(["category", "pie", "movie", "cookie", "delivery"]);
    expect(["criteria", "skis", "skus", "rfis", "menus"].map(singular)).toEqual(["criterion", "ski", "sku", "rfi", "menu"]);
    expect(names("Warehouse: SKUs, bins, pallets")).toEqual(["sku", "bin", "pallet"]);
    // -oes is an -o noun's plural for a known few, -uses an -us noun's after b, n, p, r, s or t.
    expect(["tomatoes", "potatoes", "shoes", "canoes", "statuses", "bonuses", "campuses", "minibuses", "houses", "causes", "excuses"].map(singular)).toEqual(["tomato", "potato", "shoe", "canoe", "status", "bonus", "campus", "minibus", "house", "cause", "excuse"]);
    expect(plural("tomato")).toBe("tomatoes");
    expect(["chaos", "canvas", "canvases", "cases", "bases"].map(singular)).toEqual(["chaos", "canvas", "canvas", "case", "base"]);
  });
});

describe("records named in the singular", () => {
  it("keeps one a determiner leads once the idea has named a record: which X, the X a clause is about, a/an X", () => {
    expect(names("Our newsroom needs to track story pitches, which reporter is assigned, the editors who approve drafts")).toEqual(["story pitch", "reporter", "editor", "draft"]);
    expect(names("log every bake, which starter I used, the recipe, and which bag of flour it came from")).toEqual(["bake", "starter", "recipe", "bag"]);
    expect(names("tenants report maintenance issues and the landlord assigns them to a contractor")).toEqual(["tenant", "maintenance issue", "contractor"]);
    expect(names("Internal IT asset register: devices (laptops, monitors), the employee each one is assigned to, and repair tickets")).toEqual(["device", "laptop", "monitor", "employee", "repair ticket"]);
    expect(names("I want to keep track of the books I lend out, which friend borrowed them")).toEqual(["book", "loan", "friend"]);
    // "the" of one of a kind, the user's own and what "a couple of" counts are no records.
    expect(names("crew members are assigned to voyages by the captain")).toEqual(["crew member", "voyage"]);
    expect(names("musicians borrow parts from our orchestra")).toEqual(["musician", "loan", "part"]);
    expect(names("he has regular customers and buys materials from a couple of garden centres")).toEqual(["regular customer", "material", "garden centre"]);
  });

  it("keeps what the app tracks wherever it stands, and what a list's name holds", () => {
    expect(names("Can u make me a wedding planner where I track the guest list, and gifts")).toEqual(["guest", "gift"]);
    expect(names("wedding planner app w/ couples, venues and a guest list w RSVPs")).toEqual(["couple", "venue", "guest", "rsvp"]);
    expect(names("grant applications and their inspection history")).toEqual(["grant application", "inspection"]);
  });

  it("reads possessives, numbers, 'per' and time adjectives", () => {
    expect(names("every tow ends with an invoice sent to the motorist's insurer")).toEqual(["tow", "invoice", "motorist", "insurer"]);
    expect(names("I teach about thirty students and track lessons and whether their monthly invoice got paid")).toEqual(["student", "lesson", "invoice"]);
    expect(names("Fleet app for 12 trucks: drivers, routes, fuel logs")).toEqual(["truck", "driver", "route", "fuel log"]);
    expect(names("subcontractors submit timesheets per project")).toEqual(["subcontractor", "timesheet", "project"]);
  });

  it("reads contractions, past tenses of what is logged, 'what' before a noun, and pick lists as records", () => {
    expect(names("I want to keep track of my plants, when I watered them, and the fertilizer I've used")).toEqual(["plant", "watering", "fertilizer"]);
    expect(names("we have fields split into beds, and plan what crop goes in each bed")).toEqual(["field", "bed", "crop"]);
    expect(names("Outbound orders picked into pick lists, a parts list")).toEqual(["outbound order", "pick list", "part"]);
    expect(names("Bakery app\n- wholesale orders from cafes\n- staff rota")).toEqual(["wholesale order", "cafe", "staff rota"]);
    expect(names("the CAB approves change requests in a weekly meeting")).toEqual(["change request", "meeting"]);
  });

  it("reads a passive's bare subject, nouns joined to one just named, record verbs after 'and', coordinated care", () => {
    expect(names("equipment is checked out by crew members")).toEqual(["equipment", "checkout", "crew member"]);
    expect(names("members check tools out of the shed")).toEqual(["member", "checkout", "tool"]);
    expect(names("log samples, which freezer and box each sample is stored in")).toEqual(["sample", "freezer", "box"]);
    expect(names("members log their runs, and register for races together")).toEqual(["member", "run", "registration", "race"]);
    expect(names("I want to track my houseplants, when I water and fertilize them")).toEqual(["houseplant", "watering", "fertilizing"]);
    expect(names("Vineyard: blocks, spray records and the seasonal workers' hours")).toEqual(["block", "spray record", "seasonal worker", "hour"]);
    expect(names("a florist app for the flowers we stock and the wedding arrangements customers order")).toEqual(["flower", "wedding arrangement", "customer"]);
    expect(names("equipment goes to crew members; anything lost or broken gets an incident report")).toEqual(["equipment", "crew member", "incident report"]);
  });

  it("reads what a log keeps, people in a 'when' clause, lots, invariant plurals and money paid by a package", () => {
    expect(names("houseplant watering log")).toEqual(["watering log"]);
    expect(names("When a customer drops off a bike, we write up a repair ticket")).toEqual(["customer", "bike", "repair ticket"]);
    expect(names("QA: nonconformance reports linked to lots and suppliers, and lots of notes")).toEqual(["nonconformance report", "lot", "supplier", "note"]);
    expect(names("Sheep farm records — sheep (ewes and rams), the paddocks they graze")).toEqual(["sheep", "record", "ewe", "ram", "paddock"]);
    expect(names("students do lessons online and pay by package")).toEqual(["student", "lesson", "payment"]);
    expect(names("dog walking business app clients their dogs walks and payments")).toEqual(["client", "dog", "walk", "payment"]);
    expect(names("salon: bookings for clients, and product we sell at the counter")).toEqual(["booking", "client", "product"]);
    expect(names("Houseplant care tracker: my plants, watering schedule, fertilizing log, a photo journal")).toEqual(["plant", "watering schedule", "fertilizing log", "photo journal"]);
    expect(names("need an app for our machine shop to track work orders machines operators")).toEqual(["work order", "machine", "operator"]);
    expect(names("log workouts, PRs")).toEqual(["workout", "pr"]);
    expect(names("Print shop job tracker — quotes → jobs -> proofs → delivery")).toEqual(["quote", "job", "proof", "delivery"]);
    expect(names("I clean pools. An app w/ my customer list and each pool's size")).toEqual(["pool", "customer"]);
    // The user's word is the record's name: chores are not renamed to tasks.
    expect(analyseIdea("chore chart for kids").entities[0]!.name).toBe("chore");
  });

  it("keeps a sale or purchase only when no record names the goods, and who a question asks about", () => {
    expect(names("need to track what i bought at thrift stores, what sold, and who bought it")).toEqual(["purchase", "thrift store", "sale", "buyer"]);
    expect(names("consignors drop off items, when an item sells the consignor gets 40%")).toEqual(["consignor", "item", "sale"]);
    // The goods name the record: day passes and tours are what is sold, and "sold out" is no sale.
    expect(names("the gym sells day passes, tickets are sold for shows, and the tours we sell to guests")).toEqual(["day pass", "ticket", "show", "tour", "guest"]);
    expect(names("our office library: books, who borrowed them, due dates")).toEqual(["book", "borrower", "loan", "due date"]);
    expect(names("members who rent plots")).toEqual(["member", "rental", "plot"]);
    expect(names("we bill customers for storage days")).toEqual(["invoice", "customer", "storage day"]);
    expect(names("Scheduling and billing for private tutors")).toEqual([]);
    expect(names("log every bird I spot, with the species, and what each crop yielded")).toEqual(["bird", "sighting", "species", "crop", "yield"]);
    expect(names("which patients have claims, so I can follow up with the insurer.")).toEqual(["patient", "claim", "insurer"]);
  });

  it("reads verbs that never name a record, and phrasal nouns in the plural", () => {
    expect(names("customer bring phone, we diagnose it, and vendors apply")).toEqual(["customer", "phone", "diagnosis", "vendor", "application"]);
    expect(names("gym app: workouts, bodyweight check ins, sign ups")).toEqual(["workout", "bodyweight check in", "sign up"]);
    expect(names("climbers sign up for sessions, guests check in, caregivers clock in and out")).toEqual(["climber", "sign up", "session", "guest", "check in", "caregiver", "clock in"]);
    expect(tags("we see which press each job ran on")).toMatchObject({ press: "noun", job: "noun", ran: "verb" });
  });

  it("reads list names, the noun before a record's own -ing word, and events listed after what a tracker keeps", () => {
    expect(names("Need: employee list, PTO requests, punch list items")).toEqual(["employee", "pto request", "punch list item"]);
    expect(names("reservations, guests info, warranty details")).toEqual(["reservation", "guest", "warranty"]);
    expect(names("tennis club court booking, members, ladder rankings")).toEqual(["court booking", "member", "ladder ranking"]);
    expect(names("track my houseplants watering fertilizing and repotting")).toEqual(["houseplant", "watering", "fertilizing", "repotting"]);
    expect(names("laptops we own, which employee it's assigned to")).toEqual(["laptop", "employee"]);
    expect(names("wedding: couples, guest list w/ RSVPs, lumber inventory and paper stock")).toEqual(["couple", "guest", "rsvp", "lumber", "paper stock"]);
    expect(names("Each week produce boxes are packed for subscribers")).toEqual(["produce box", "subscriber"]);
    // An app named for a record keeps it; one named for a place does not.
    expect(names("recipe app w/ ingredients, shopping list, meal plans")).toEqual(["recipe", "ingredient", "shopping list", "meal plan"]);
    expect(names("gym app w/ classes, trainers")).toEqual(["class", "trainer"]);
  });

  it("reads shorthand, -s nouns made from verbs, phrasal verbs after 'kids', and nouns of what is done after a verb", () => {
    expect(analyseIdea("tattoo appts n deposits for the studio lol").entities.map((e) => e.name)).toEqual(["tattoo appointment", "deposit"]);
    expect(names("I want an app that tracks the grant applications our arts council receives")).toEqual(["grant application"]);
    expect(names("a calibration log that shows which gauges are overdue")).toEqual(["calibration log", "gauge"]);
    expect(names("kids sign up, parents sign permission slips")).toEqual(["kid", "sign up", "parent", "permission slip"]);
    expect(names("Teachers take attendance at every lesson")).toEqual(["teacher", "attendance", "lesson"]);
    expect(names("translators do jobs and we pay the freelancers per word")).toEqual(["translator", "job", "payment", "freelancer"]);
    expect(names("Students enrol in classes and we invoice parents for the classes they are enrolled in")).toEqual(["student", "enrolment", "class", "invoice", "parent"]);
    expect(names("A spray record for our orchard showing which blocks were sprayed")).toEqual(["spray record", "block"]);
    expect(names("People register, and then each team submits a project")).toEqual(["registration", "team", "project"]);
    expect(names("we log each pet, the family it belongs to, and we send the invoice.")).toEqual(["pet", "family", "invoice"]);
  });

  it("reads nouns of what is done as nouns, greetings and 'sometimes' as no records, a group as its members and dues as their payments", () => {
    expect(names("drivers complete a pre-trip inspection each morning")).toEqual(["driver", "pre trip inspection"]);
    expect(analyseIdea("hi, i am owner of a guesthouse. guests book rooms, sometimes they want a wine tour").entities.map((e) => e.name)).toEqual(["guest", "booking", "room", "wine tour"]);
    expect(names("landscaping app: customers, properties, crew")).toEqual(["customer", "property", "crew member"]);
    expect(names("landscaping app: customers, properties, crews")).toEqual(["customer", "property", "crew"]);
    expect(names("HOA: homeowners, units, quarterly dues")).toEqual(["homeowner", "unit", "quarterly dues payment"]);
    expect(names("handoff notes: patients, beds, meds due").filter((name) => name.endsWith("payment"))).toEqual([]);
    // "each week" says when: no object, so "lessons" is no verb; "every few weeks" is no record; "table seating" is one.
    expect(names("There are teachers, students, and lessons each week")).toEqual(["teacher", "student", "lesson"]);
    expect(names("The farrier and the vet come round every few weeks and I book which horses they see")).toEqual(["farrier", "booking", "horse"]);
    expect(names("couples keep guests, RSVPs, table seating, vendors and a budget")).toEqual(["couple", "guest", "rsvp", "table seating", "vendor", "budget"]);
    expect(names("salon: clients, the waitlist, a checklist per chair, setlists")).toEqual(["client", "waitlist entry", "checklist item", "chair", "setlist"]);
    // A known record noun after a preposition, once a record is named.
    expect(names("donations are weighed and logged by food category")).toEqual(["donation", "food category"]);
    // "in turn", "by post" say how; "broke" is a past; a relative clause's -s word before a preposition is its verb.
    expect(names("Residents report a fallen branch, which turns into a work order")).toEqual(["resident", "fallen branch", "work order"]);
    expect(names("customers file a damage claim if something broke; starters are sent by post")).toEqual(["customer", "damage claim", "starter"]);
    // "nothing" is a subject; "and returns them" a clause (but "feedings it gets" are records).
    expect(names("track units, tenants and leases so that nothing falls through the cracks")).toEqual(["unit", "tenant", "lease", "crack"]);
    expect(names("Each student gets books and returns them in June")).toEqual(["student", "book"]);
    expect(names("we log the treatments and feedings it gets")).toEqual(["treatment", "feeding"]);
    // "the deceased" is a person, "next of kin" one name.
    expect(names("Funeral home: deceased, next of kin, services, caskets")).toEqual(["deceased", "next of kin", "service", "casket"]);
    // So are other names written "X of Y"; "loans of books" stay loans that refer to books.
    expect(names("courier app: drivers, parcels, proofs of delivery, bills of lading and a point of sale")).toEqual(["driver", "parcel", "proof of delivery", "bill of lading", "point of sale"]);
    // A word cut off at a hyphen names no record of its own; "lens" is no plural.
    expect(names("vet clinic: patients, owners, pre- and post-op checks, invoices")).toEqual(["patient", "owner", "post op check", "invoice"]);
    expect(names("optician: patients, contact lenses, frames")).toEqual(["patient", "contact lens", "frame"]);
    // Colours and greetings are no records.
    expect(analyseIdea("Bonjour! inhaler doses (blue and brown), daily symptoms, triggers").entities.map((e) => e.name)).toEqual(["inhaler dose", "daily symptom", "trigger"]);
    // A count before a singular makes it many; "which walker takes" asks about the walker.
    expect(names("I am beekeeper with 30 hive in 4 apiary, i write an inspection of each hive")).toEqual(["hive", "apiary", "inspection"]);
    expect(names("clients and their dogs, which walker takes which dog")).toEqual(["client", "dog", "walker"]);
    expect(names("routes and stops, which driver drives which bus")).toEqual(["route", "stop", "driver", "bus"]);
    expect(names("locksmith van app: call-outs, customers, key blank inventory, invoices")).toEqual(["call out", "customer", "key blank", "invoice"]);
    // People who show up make attendance; things that turn up do not. Quoting a job makes a quote.
    expect(names("members, weekly runs, and who actually showed up")).toEqual(["member", "weekly run", "attendance"]);
    expect(names("found items are logged with where they turned up")).toEqual(["found item"]);
    expect(names("customers send in jobs and we quote each job")).toEqual(["customer", "job", "quote"]);
    // Days, months, seasons and parts of a day say when, but "game nights" are records; "whats" is "what is".
    expect(names("students get books at the start of term and return them in June; shows every afternoon; game nights")).toEqual(["student", "book", "show", "game night"]);
    expect(spellOut("hola, whats left in each van, thanks")).toBe(", what is left in each van, ");
    // Accents are read off ("cafés"), and a vet is a person.
    expect(names("the orders from cafés who buy from me")).toEqual(["order", "cafe"]);
    expect(names("Owners bring their pets in, the vet writes up the consultation")).toEqual(["owner", "pet", "vet"]);
    // "four shows a year": "a year" says when; "did water changes": did is the verb; invoicing anyone makes invoices; pipes list.
    expect(names("We hold four championship shows a year where dogs are entered into classes")).toEqual(["championship show", "dog", "class"]);
    expect(names("tanks, fish, and when i did water changes")).toEqual(["tank", "fish", "water change"]);
    expect(names("I invoice each agency monthly for the jobs")).toEqual(["invoice", "agency", "job"]);
    expect(names("ICE RINK: skate rentals | public sessions | zamboni maintenance")).toEqual(["skate rental", "public session", "zamboni maintenance"]);
    // "document" and "question" are verbs as well as nouns.
    expect(tags("we document every repair")).toMatchObject({ document: "verb" });
  });

  it("reads words that are names of Object.prototype's members as words", () => {
    const idea = "app for hasOwnProperty fans: constructor kits, toString logs and valueOf reports, constructor";
    expect(analyseIdea(idea).entities.map((e) => e.name)).toEqual(["constructor kit", "tostring log", "valueof report", "constructor"]);
  });

  it("ends a phrase at a plural and takes only people for an app's audience", () => {
    expect(names("a board for our print shop: orders, proofs customers approve, print jobs")).toEqual(["order", "proof", "customer", "print job"]);
    expect(names("site diary for construction projects — daily logs, weather")).toEqual(["construction project", "daily log", "weather"]);
    expect(names("An app for dog walkers")).toEqual([]);
  });
});

describe("the records of an idea", () => {
  it("keeps the one record an idea names, and never makes a page of a pronoun", () => {
    const records = analyseIdea("Track my houseplants, how often I water them and when I repot them").entities.map((e) => e.name);
    expect(records[0]).toBe("houseplant");
    expect(records).not.toContain("them");
  });

  it("gives every listed record a page, up to fourteen", () => {
    const idea = "Climbing gym: routes, setters, members, day passes, memberships, classes, instructors, walls, holds, competitions, rentals, waivers, lockers, chalk bags, shoes";
    expect(analyseIdea(idea).entities.map((e) => e.name)).toEqual(["route", "setter", "member", "day pass", "membership", "class", "instructor", "wall", "hold", "competition", "rental", "waiver", "locker", "chalk bag"]);
  });
});
