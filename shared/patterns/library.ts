/** @module The built-in library of app architecture patterns the wireframe agent retrieves from (seeded into pattern_embeddings). */

/** What a pattern says about an app: the metadata of a `pattern_embeddings` row, seeded from this library or learnt from a build. */
export interface PatternDescription {
  name: string;
  summary: string;
  pages: { path: string; purpose: string }[];
  components: string[];
  entities: string[];
  stack: string[];
}

export interface ArchitecturePattern extends PatternDescription {
  project_type: string;
  success_score: number;
}

const web = ["react", "typescript", "vite", "supabase"];

function pattern(
  project_type: string,
  name: string,
  summary: string,
  pages: [string, string][],
  components: string[],
  entities: string[],
  success_score = 0.8,
): ArchitecturePattern {
  return { project_type, name, summary, pages: pages.map(([path, purpose]) => ({ path, purpose })), components, entities, stack: web, success_score };
}

export const patternLibrary: ArchitecturePattern[] = [
  pattern("saas", "Multi-tenant SaaS dashboard", "Workspaces with members and roles, a metrics dashboard, billing plans and settings.",
    [["/", "marketing landing"], ["/dashboard", "workspace metrics"], ["/settings", "workspace and members"], ["/billing", "plan and invoices"]],
    ["AppShell", "Sidebar", "MetricCard", "MembersTable", "PlanPicker"], ["workspace", "member", "subscription", "invoice"], 0.85),
  pattern("saas", "Team task tracker", "Projects with tasks on a kanban board, assignees, due dates and comments.",
    [["/projects", "project list"], ["/projects/:id", "kanban board"], ["/tasks/:id", "task detail with comments"], ["/my-tasks", "tasks assigned to me"]],
    ["KanbanBoard", "TaskCard", "AssigneeAvatar", "DueDateBadge", "CommentThread"], ["project", "task", "comment", "member"]),
  pattern("saas", "Analytics dashboard", "Event ingestion, charts over time ranges, saved reports and alerts.",
    [["/", "overview charts"], ["/reports", "saved reports"], ["/reports/:id", "report builder"], ["/alerts", "threshold alerts"]],
    ["TimeRangePicker", "LineChart", "KpiTile", "ReportBuilder", "AlertRuleForm"], ["event", "report", "alert", "data_source"]),
  pattern("saas", "Helpdesk ticketing", "Customer tickets with statuses, priorities, agent assignment, canned replies and SLAs.",
    [["/tickets", "ticket queue"], ["/tickets/:id", "conversation"], ["/customers", "customer list"], ["/macros", "canned replies"]],
    ["TicketQueue", "TicketThread", "PriorityBadge", "SlaTimer", "ReplyComposer"], ["ticket", "message", "customer", "agent", "macro"]),
  pattern("crm", "Sales CRM pipeline", "Contacts and companies, deals moving through pipeline stages, activities and follow-up reminders.",
    [["/contacts", "contact list"], ["/contacts/:id", "contact timeline"], ["/deals", "pipeline board"], ["/activities", "calls, emails, meetings"]],
    ["ContactTable", "DealBoard", "ActivityTimeline", "ReminderList", "CompanyCard"], ["contact", "company", "deal", "activity", "reminder"], 0.85),
  pattern("crm", "Service business CRM with scheduling", "Clients, recurring appointments on a calendar, visit notes, invoices and payments for small service businesses (walkers, cleaners, tutors).",
    [["/clients", "client list"], ["/clients/:id", "client profile and notes"], ["/schedule", "calendar of visits"], ["/invoices", "billing"]],
    ["ClientCard", "CalendarWeek", "VisitForm", "InvoiceTable", "PaymentStatus"], ["client", "pet_or_asset", "appointment", "visit_note", "invoice"], 0.9),
  pattern("crm", "Customer support inbox", "Shared inbox for email and chat, customer profiles, tags and conversation assignment.",
    [["/inbox", "shared inbox"], ["/conversations/:id", "conversation"], ["/customers/:id", "customer profile"]],
    ["InboxList", "ConversationView", "TagPicker", "CustomerSidebar"], ["conversation", "message", "customer", "tag"]),
  pattern("ecommerce", "Online store", "Product catalogue with categories, cart, checkout, orders and an admin for inventory.",
    [["/", "featured products"], ["/products/:slug", "product detail"], ["/cart", "cart"], ["/checkout", "checkout"], ["/orders", "order history"], ["/admin/products", "inventory"]],
    ["ProductGrid", "ProductCard", "CartDrawer", "CheckoutForm", "OrderSummary"], ["product", "category", "cart_item", "order", "customer"], 0.85),
  pattern("ecommerce", "Subscription box shop", "Plans with recurring deliveries, customer preferences, skip and pause, shipment tracking.",
    [["/", "plans"], ["/subscribe", "sign-up flow"], ["/account", "manage subscription"], ["/deliveries", "upcoming shipments"]],
    ["PlanCard", "PreferenceQuiz", "DeliveryCalendar", "PauseDialog"], ["plan", "subscription", "delivery", "preference"]),
  pattern("ecommerce", "Digital downloads store", "Sell files and licences, instant delivery by signed link, creator payouts.",
    [["/", "catalogue"], ["/item/:id", "item page"], ["/library", "purchased downloads"], ["/creator", "creator dashboard"]],
    ["ItemCard", "LicensePicker", "DownloadButton", "PayoutTable"], ["item", "license", "purchase", "creator"]),
  pattern("marketplace", "Two-sided services marketplace", "Providers list services, customers search, book and pay, both leave reviews.",
    [["/", "search"], ["/providers/:id", "provider profile"], ["/book/:serviceId", "booking"], ["/bookings", "my bookings"], ["/provider/dashboard", "provider dashboard"]],
    ["SearchBar", "ProviderCard", "AvailabilityPicker", "ReviewList", "BookingSummary"], ["provider", "service", "booking", "review", "payout"], 0.85),
  pattern("marketplace", "Rental listings marketplace", "Hosts list items or places with photos and availability; renters request, pay and review.",
    [["/", "map and list search"], ["/listings/:id", "listing"], ["/host", "host listings"], ["/trips", "my rentals"]],
    ["MapView", "ListingCard", "DateRangePicker", "PhotoGallery", "RequestForm"], ["listing", "availability", "rental_request", "review"]),
  pattern("marketplace", "Job board", "Employers post jobs, candidates search, apply with a profile and track applications.",
    [["/jobs", "job search"], ["/jobs/:id", "job detail"], ["/apply/:id", "application"], ["/employer", "postings and applicants"]],
    ["JobFilters", "JobCard", "ApplicationForm", "ApplicantTable"], ["job", "employer", "candidate", "application"]),
  pattern("social", "Community feed", "Posts with images, likes, comments, follows and notifications.",
    [["/", "feed"], ["/u/:handle", "profile"], ["/post/:id", "post with comments"], ["/notifications", "notifications"]],
    ["PostComposer", "FeedList", "PostCard", "FollowButton", "NotificationBell"], ["post", "comment", "like", "follow", "notification"], 0.8),
  pattern("social", "Discussion forum", "Categories and threads, replies with mentions, moderation and reputation.",
    [["/", "categories"], ["/c/:slug", "threads"], ["/t/:id", "thread"], ["/moderation", "reports queue"]],
    ["CategoryList", "ThreadList", "ReplyEditor", "ModerationQueue"], ["category", "thread", "reply", "report", "reputation"]),
  pattern("social", "Group chat", "Channels and direct messages with realtime delivery, typing indicators and file sharing.",
    [["/", "channel list"], ["/c/:id", "channel"], ["/dm/:userId", "direct messages"]],
    ["ChannelSidebar", "MessageList", "MessageComposer", "TypingIndicator", "PresenceDot"], ["channel", "message", "membership", "attachment"]),
  pattern("education", "Course platform (LMS)", "Courses with modules and lessons, progress tracking, quizzes and certificates.",
    [["/courses", "catalogue"], ["/courses/:id", "course outline"], ["/lessons/:id", "lesson player"], ["/progress", "my progress"]],
    ["CourseCard", "ModuleAccordion", "LessonPlayer", "QuizForm", "ProgressRing"], ["course", "module", "lesson", "enrollment", "quiz_attempt"], 0.85),
  pattern("education", "Tutoring marketplace", "Tutors with subjects and rates, session booking, video links and session notes.",
    [["/tutors", "find a tutor"], ["/tutors/:id", "tutor profile"], ["/sessions", "my sessions"]],
    ["TutorCard", "SubjectFilter", "SessionBooking", "SessionNotes"], ["tutor", "subject", "session", "note"]),
  pattern("education", "Flashcards and spaced repetition", "Decks of cards, review sessions scheduled by spaced repetition, streaks.",
    [["/decks", "my decks"], ["/decks/:id", "deck editor"], ["/review", "today's review"], ["/stats", "streaks"]],
    ["DeckList", "CardEditor", "ReviewCard", "StreakChart"], ["deck", "card", "review_log"]),
  pattern("booking", "Appointment booking", "Services, staff calendars, online booking with reminders and cancellations.",
    [["/", "choose a service"], ["/book", "pick a time"], ["/appointments", "my appointments"], ["/admin/calendar", "staff calendar"]],
    ["ServicePicker", "TimeSlotGrid", "BookingConfirmation", "StaffCalendar"], ["service", "staff", "appointment", "reminder"], 0.85),
  pattern("booking", "Event ticketing", "Events with ticket types, checkout, QR tickets and door check-in.",
    [["/events", "upcoming events"], ["/events/:id", "event page"], ["/tickets", "my tickets"], ["/check-in", "scanner"]],
    ["EventCard", "TicketTypePicker", "QrTicket", "CheckInScanner"], ["event", "ticket_type", "order", "ticket"]),
  pattern("booking", "Restaurant reservations", "Tables and shifts, reservations with party size, waitlist and guest notes.",
    [["/reserve", "reservation widget"], ["/admin/floor", "floor plan"], ["/admin/waitlist", "waitlist"]],
    ["PartySizePicker", "FloorPlan", "WaitlistTable"], ["table", "shift", "reservation", "guest"]),
  pattern("fintech", "Personal budget tracker", "Accounts and transactions, categories, monthly budgets and spending charts.",
    [["/", "overview"], ["/transactions", "transactions"], ["/budgets", "budgets"], ["/reports", "spending by category"]],
    ["BalanceCard", "TransactionTable", "BudgetProgress", "CategoryPie"], ["account", "transaction", "category", "budget"], 0.8),
  pattern("fintech", "Invoicing for freelancers", "Clients, invoices with line items, payment status, reminders and tax summaries.",
    [["/invoices", "invoice list"], ["/invoices/new", "invoice editor"], ["/clients", "clients"], ["/taxes", "tax summary"]],
    ["InvoiceEditor", "LineItemTable", "StatusPill", "ReminderSettings"], ["client", "invoice", "line_item", "payment"]),
  pattern("health", "Fitness and habit tracker", "Workouts or habits logged daily, goals, streaks and progress charts.",
    [["/", "today"], ["/log", "log an entry"], ["/goals", "goals"], ["/progress", "charts"]],
    ["HabitCheckList", "EntryForm", "GoalCard", "ProgressChart"], ["habit", "entry", "goal"], 0.8),
  pattern("health", "Clinic patient portal", "Patients book visits, see records and prescriptions, message the clinic securely.",
    [["/appointments", "visits"], ["/records", "records"], ["/messages", "secure messages"]],
    ["AppointmentList", "RecordViewer", "SecureMessageThread"], ["patient", "appointment", "record", "message"]),
  pattern("content", "Blog and newsletter", "Posts with drafts and publishing, tags, subscribers and email issues.",
    [["/", "latest posts"], ["/p/:slug", "post"], ["/admin/posts", "editor"], ["/admin/subscribers", "subscribers"]],
    ["PostList", "RichTextEditor", "TagCloud", "SubscribeForm"], ["post", "tag", "subscriber", "issue"], 0.8),
  pattern("content", "Recipe collection", "Recipes with ingredients and steps, search by ingredient, meal plans and shopping lists.",
    [["/recipes", "search"], ["/recipes/:id", "recipe"], ["/plan", "meal plan"], ["/shopping", "shopping list"]],
    ["RecipeCard", "IngredientList", "MealPlanner", "ShoppingList"], ["recipe", "ingredient", "meal_plan", "shopping_item"]),
  pattern("content", "Portfolio site", "Projects showcase with case studies, about page and contact form.",
    [["/", "hero and featured work"], ["/work/:slug", "case study"], ["/about", "about"], ["/contact", "contact form"]],
    ["Hero", "ProjectGrid", "CaseStudy", "ContactForm"], ["project", "message"]),
  pattern("operations", "Inventory management", "Items and locations, stock movements, low-stock alerts and purchase orders.",
    [["/items", "items"], ["/items/:id", "item history"], ["/orders", "purchase orders"], ["/alerts", "low stock"]],
    ["StockTable", "MovementForm", "PurchaseOrderEditor", "LowStockBanner"], ["item", "location", "stock_movement", "purchase_order"]),
  pattern("operations", "Field service dispatch", "Jobs dispatched to technicians on a map, checklists, photos and customer sign-off.",
    [["/dispatch", "map and schedule"], ["/jobs/:id", "job sheet"], ["/technicians", "team"]],
    ["DispatchMap", "JobSheet", "ChecklistForm", "SignaturePad"], ["job", "technician", "checklist_item", "customer"]),
  pattern("nonprofit", "Donations and volunteers", "Campaigns with goals, donations, volunteer shifts and impact updates.",
    [["/", "campaigns"], ["/campaigns/:id", "campaign"], ["/volunteer", "shifts"], ["/admin/donors", "donors"]],
    ["CampaignProgress", "DonateForm", "ShiftSignup", "DonorTable"], ["campaign", "donation", "volunteer", "shift"]),
  pattern("productivity", "Notes and knowledge base", "Nested pages with rich text, backlinks, full-text search and sharing.",
    [["/", "page tree"], ["/p/:id", "page editor"], ["/search", "search"]],
    ["PageTree", "BlockEditor", "BacklinkList", "SearchBox"], ["page", "block", "link", "share"]),
  pattern("productivity", "Forms and surveys", "Form builder with question types, public links, responses and charts.",
    [["/forms", "my forms"], ["/forms/:id/edit", "builder"], ["/f/:id", "public form"], ["/forms/:id/results", "results"]],
    ["FormBuilder", "QuestionEditor", "PublicForm", "ResultsChart"], ["form", "question", "response", "answer"]),
];

/** The text embedded for a pattern: what the wireframe agent's query (the requirements) is compared with. */
export function patternText(p: ArchitecturePattern): string {
  return [p.project_type, p.name, p.summary, ...p.pages.map((page) => `${page.path} ${page.purpose}`), ...p.components, ...p.entities].join(" ");
}
