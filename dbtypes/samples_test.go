package dbtypes_test

// Documents as the existing application writes them (JSON.stringify output),
// one per JSON column shape of access-patterns.md §3.

const sampleLineItems = `[{"description":"Framing labor","quantity":40,"rate":65.5,"amount":2620},{"description":"2x4 studs, 8 ft","quantity":120,"rate":3.97,"amount":476.40000000000003},{"description":"Permit fee","quantity":1,"rate":250,"amount":250}]`

const sampleSnapshot = `{"tasks":[` +
	`{"id":"task-n001-001","projectId":"proj-n-001","title":"Site prep","startDate":"2026-02-02","workdays":5,"endDateCalculated":"2026-02-06","phase":"sitework","status":"COMPLETE","isCriticalPath":true,"isMilestone":false,"percentComplete":100,"assignedTo":"user-2","sortOrder":0,"createdAt":"2026-01-15T09:30:00.000Z","updatedAt":"2026-02-06T17:05:12.345Z"},` +
	`{"id":"task-n001-002","projectId":"proj-n-001","title":"Foundation pour","startDate":"2026-02-09","workdays":3,"endDateCalculated":"2026-02-11","phase":"foundation","status":"PENDING","isCriticalPath":true,"isMilestone":true,"percentComplete":0,"assignedTo":null,"sortOrder":1,"createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:00Z"}` +
	`],"dependencies":[{"id":"9b2f4c1e-8a57-4d0e-b3a1-0c6f5e7d8a90","predecessorId":"task-n001-001","successorId":"task-n001-002","type":"FS","lagDays":2}]}`

const sampleConflict = `{"remote":{"name":"Acme Builders","email":"ap@acme.example","phone":null,"netsuiteId":"4711","updatedAt":"2026-02-04T12:00:00.000Z"},"reason":"Both local and remote modified since last sync"}`

const sampleMessageParts = `[` +
	`{"type":"step-start"},` +
	`{"type":"reasoning","text":"The user wants overdue invoices.","state":"done"},` +
	`{"type":"tool-queryData","toolCallId":"call_8f3a","state":"output-available","input":{"queryType":"invoices","search":"overdue","limit":20},"output":{"data":[{"id":"inv-1","total":1250.5,"status":"overdue"}],"count":1}},` +
	`{"type":"tool-navigateTo","toolCallId":"call_9c1d","state":"output-error","input":{"path":"/dashboard/nowhere"},"errorText":"Unknown route"},` +
	`{"type":"dynamic-tool","toolName":"mcp_search","toolCallId":"call_a1","state":"input-available","input":{"q":"<b>rebar</b> & mesh"}},` +
	`{"type":"source-url","sourceId":"src-1","url":"https://example.com/spec.pdf","title":"Spec"},` +
	`{"type":"file","mediaType":"image/png","url":"data:image/png;base64,iVBORw0KGgo="},` +
	`{"type":"data-dashboard","id":"d1","data":{"root":"main"}},` +
	`{"type":"text","text":"You have **1** overdue invoice: \"inv-1\" (\u20ac1,250.50).","state":"done"}]`

const sampleAgentItemMetadata = `{"priority":"high","dueDate":"2026-02-10","tags":["punch-list","roof"],"source":{"conversationId":"conv-1","messageId":"msg-7"},"estimate":1.5,"flag":null}`

const sampleTheme = `{"id":"","name":"Harbor Dusk","description":"Cool blues with a warm accent","light":{"background":"oklch(0.6524 0.1695 274.959)","foreground":"oklch(0.6995 0.0991 161.817)","card":"oklch(0.8541 0.1577 33.789)","card-foreground":"oklch(0.6111 0.1672 155.796)","popover":"oklch(0.8973 0.0004 160.339)","popover-foreground":"oklch(0.8814 0.0458 340.297)","primary":"oklch(0.9516 0.0061 9.161)","primary-foreground":"oklch(0.8112 0.1878 137.234)","secondary":"oklch(0.6845 0.0844 10.455)","secondary-foreground":"oklch(0.6865 0.0876 178.492)","muted":"oklch(0.6909 0.0462 78.761)","muted-foreground":"oklch(0.7792 0.058 7.736)","accent":"oklch(0.9267 0.1113 231.226)","accent-foreground":"oklch(0.6725 0.1985 309.581)","destructive":"oklch(0.6471 0.0665 259.734)","destructive-foreground":"oklch(0.8774 0.1873 151.959)","border":"oklch(0.9237 0.1341 109.213)","input":"oklch(0.8292 0.1765 304.631)","ring":"oklch(0.7971 0.1178 12.429)","chart-1":"oklch(0.6947 0.1595 149.153)","chart-2":"oklch(0.6675 0.1098 253.095)","chart-3":"oklch(0.863 0.0749 158.026)","chart-4":"oklch(0.7983 0.1557 187.538)","chart-5":"oklch(0.7534 0.0979 10.647)","sidebar":"oklch(0.617 0.1407 353.948)","sidebar-foreground":"oklch(0.8313 0.0787 61.326)","sidebar-primary":"oklch(0.7959 0.1964 277.388)","sidebar-primary-foreground":"oklch(0.8105 0.1721 83.583)","sidebar-accent":"oklch(0.8004 0.1905 208.006)","sidebar-accent-foreground":"oklch(0.7791 0.0539 197.279)","sidebar-border":"oklch(0.9733 0.0011 282.116)","sidebar-ring":"oklch(0.92 0.1772 266.581)"},` +
	`"dark":{"background":"oklch(0.2618 0.1037 202.089)","foreground":"oklch(0.1852 0.0112 313.204)","card":"oklch(0.214 0.04 181.699)","card-foreground":"oklch(0.197 0.0714 124.588)","popover":"oklch(0.2077 0.1247 220.483)","popover-foreground":"oklch(0.1916 0.0056 82.658)","primary":"oklch(0.1354 0.1169 309.963)","primary-foreground":"oklch(0.2597 0.1594 293.917)","secondary":"oklch(0.1511 0.1683 242.321)","secondary-foreground":"oklch(0.1166 0.0033 5.242)","muted":"oklch(0.2511 0.0499 39.416)","muted-foreground":"oklch(0.225 0.0689 25.026)","accent":"oklch(0.1319 0.1055 60.532)","accent-foreground":"oklch(0.1546 0.1423 163.693)","destructive":"oklch(0.1644 0.0948 8.508)","destructive-foreground":"oklch(0.1773 0.0842 67.694)","border":"oklch(0.1218 0.18 183.642)","input":"oklch(0.1418 0.1211 294.134)","ring":"oklch(0.1042 0.0036 52.726)","chart-1":"oklch(0.2438 0.032 253.658)","chart-2":"oklch(0.2356 0.1089 79.416)","chart-3":"oklch(0.2951 0.1596 185.976)","chart-4":"oklch(0.1446 0.1297 142.163)","chart-5":"oklch(0.2152 0.0642 227.141)","sidebar":"oklch(0.1118 0.0597 348.445)","sidebar-foreground":"oklch(0.2751 0.0613 309.065)","sidebar-primary":"oklch(0.1621 0.1879 267.783)","sidebar-primary-foreground":"oklch(0.1832 0.0505 3.053)","sidebar-accent":"oklch(0.2757 0.0076 294.989)","sidebar-accent-foreground":"oklch(0.2924 0.1141 61.746)","sidebar-border":"oklch(0.2736 0.1948 253.448)","sidebar-ring":"oklch(0.2018 0.0756 124.895)"},` +
	`"fonts":{"sans":"Inter, ui-sans-serif, system-ui, sans-serif","serif":"Merriweather, Georgia, serif","mono":"JetBrains Mono, ui-monospace, monospace"},` +
	`"fontSources":{"googleFonts":["Inter","Merriweather","JetBrains Mono"]},` +
	`"tokens":{"radius":"0.5rem","spacing":"0.25rem","trackingNormal":"0em","shadowColor":"oklch(0 0 0)","shadowOpacity":"0.1","shadowBlur":"3px","shadowSpread":"0px","shadowOffsetX":"0px","shadowOffsetY":"1px"},` +
	`"shadows":{"light":{"2xs":"0 1px 3px 0px hsl(0 0% 0% / 0.05)","xs":"0 1px 3px 0px hsl(0 0% 0% / 0.05)","sm":"0 1px 3px 0px hsl(0 0% 0% / 0.10), 0 1px 2px -1px hsl(0 0% 0% / 0.10)","default":"0 1px 3px 0px hsl(0 0% 0% / 0.10), 0 1px 2px -1px hsl(0 0% 0% / 0.10)","md":"0 1px 3px 0px hsl(0 0% 0% / 0.10), 0 2px 4px -1px hsl(0 0% 0% / 0.10)","lg":"0 1px 3px 0px hsl(0 0% 0% / 0.10), 0 4px 6px -1px hsl(0 0% 0% / 0.10)","xl":"0 1px 3px 0px hsl(0 0% 0% / 0.10), 0 8px 10px -1px hsl(0 0% 0% / 0.10)","2xl":"0 1px 3px 0px hsl(0 0% 0% / 0.25)"},"dark":{"2xs":"0 1px 3px 0px hsl(0 0% 0% / 0.20)","xs":"0 1px 3px 0px hsl(0 0% 0% / 0.20)","sm":"0 1px 3px 0px hsl(0 0% 0% / 0.40)","default":"0 1px 3px 0px hsl(0 0% 0% / 0.40)","md":"0 2px 4px 0px hsl(0 0% 0% / 0.40)","lg":"0 4px 6px 0px hsl(0 0% 0% / 0.40)","xl":"0 8px 10px 0px hsl(0 0% 0% / 0.40)","2xl":"0 1px 3px 0px hsl(0 0% 0% / 0.90)"}},` +
	`"isPreset":false,"previewColors":{"primary":"oklch(0.9516 0.0061 9.161)","background":"oklch(0.6524 0.1695 274.959)","foreground":"oklch(0.6995 0.0991 161.817)"}}`

const sampleDashboardSpec = `{"root":"main","elements":{` +
	`"main":{"type":"Grid","props":{"columns":2,"gap":"md"},"children":["open-invoices","overdue","table"]},` +
	`"open-invoices":{"type":"StatCard","props":{"label":"Open invoices","value":{"path":"/invoices/count"},"format":"number"},"children":[]},` +
	`"overdue":{"type":"StatCard","props":{"label":"Overdue","value":"$12,400","trend":null}},` +
	`"table":{"type":"DataTable","props":{"dataPath":"/invoices/rows","columns":[{"key":"invoiceNumber","label":"#"},{"key":"total","label":"Total","format":"currency"}]}}}}`

const sampleDashboardQueries = `[{"key":"invoices","queryType":"invoices","search":"overdue","limit":50},{"key":"project","queryType":"project_detail","id":"proj-n-001"},{"key":"customers","queryType":"customers"}]`

const sampleInterview = `[{"question":"What slows you down most each week?","answer":"Re-entering the same invoice data in two places."},{"question":"Anything you'd add?","answer":"A \"what changed\" view on the Gantt chart."}]`

const samplePainPoints = `["Double entry of invoices","Gantt drag ignores holidays"]`

const sampleCapabilities = `["tools","prompt","queries"]`

const sampleEmbedding = `[0.0123,-0.5,1e-7,0.3333333333333333]`
