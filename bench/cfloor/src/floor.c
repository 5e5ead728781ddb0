/*
 * floor: the physical floor for the benchmarks — the SQLite C API with prepared
 * statements and no Go at all. The Go benchmark starts it once per run and drives it
 * over stdin/stdout: each command runs its loop N times inside C and answers when done,
 * so the pipe round trip is paid once per batch, not per operation.
 *
 *   floor DB IDS_FILE PROJECT_ID
 *   stdin:  "pk N" | "list N"      stdout: "ok CHECKSUM CPU_NS"
 *
 * pk:   SELECT <15 task columns> FROM schedule_tasks WHERE id = ?  (ids cycled from IDS_FILE)
 * list: SELECT <15 task columns> FROM schedule_tasks WHERE project_id = ? ORDER BY sort_order, id
 * Every column of every row is read (sqlite3_column_text / _int64), as a driver must.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COLS "id, project_id, title, start_date, workdays, end_date_calculated, phase, status, " \
             "is_critical_path, is_milestone, sort_order, created_at, updated_at, percent_complete, assigned_to"

static long long cpuNanos(void) {
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(sqlite3 *db, const char *what) {
	fprintf(stderr, "floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "");
	exit(1);
}

/* readRow touches every column the way a driver does and folds it into a checksum. */
static unsigned long readRow(sqlite3_stmt *st) {
	unsigned long sum = 0;
	int n = sqlite3_column_count(st);
	for (int i = 0; i < n; i++) {
		switch (sqlite3_column_type(st, i)) {
		case SQLITE_INTEGER:
			sum += (unsigned long)sqlite3_column_int64(st, i);
			break;
		case SQLITE_NULL:
			break;
		default: {
			const unsigned char *t = sqlite3_column_text(st, i);
			int len = sqlite3_column_bytes(st, i);
			sum += (unsigned long)len + (len ? t[0] : 0);
		}
		}
	}
	return sum;
}

int main(int argc, char **argv) {
	if (argc != 4) {
		fprintf(stderr, "usage: floor DB IDS_FILE PROJECT_ID\n");
		return 2;
	}
	sqlite3 *db;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) die(db, "open");

	FILE *f = fopen(argv[2], "r");
	if (!f) die(NULL, "ids file");
	char **ids = NULL;
	int nids = 0;
	char line[256];
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		if (!*line) continue;
		ids = realloc(ids, sizeof(char *) * (nids + 1));
		ids[nids++] = strdup(line);
	}
	fclose(f);
	if (nids == 0) die(NULL, "no ids");

	sqlite3_stmt *pk, *list;
	if (sqlite3_prepare_v3(db, "SELECT " COLS " FROM schedule_tasks WHERE id = ?1", -1, SQLITE_PREPARE_PERSISTENT, &pk, NULL) != SQLITE_OK)
		die(db, "prepare pk");
	if (sqlite3_prepare_v3(db, "SELECT " COLS " FROM schedule_tasks WHERE project_id = ?1 ORDER BY sort_order, id", -1,
	                       SQLITE_PREPARE_PERSISTENT, &list, NULL) != SQLITE_OK)
		die(db, "prepare list");

	printf("ready %s\n", sqlite3_libversion());
	fflush(stdout);
	char cmd[64];
	long n;
	while (scanf("%63s %ld", cmd, &n) == 2) {
		unsigned long sum = 0;
		long long cpu0 = cpuNanos();
		if (strcmp(cmd, "pk") == 0) {
			for (long i = 0; i < n; i++) {
				sqlite3_bind_text(pk, 1, ids[i % nids], -1, SQLITE_STATIC);
				int rc;
				while ((rc = sqlite3_step(pk)) == SQLITE_ROW) sum += readRow(pk);
				if (rc != SQLITE_DONE) die(db, "step pk");
				sqlite3_reset(pk);
			}
		} else if (strcmp(cmd, "list") == 0) {
			for (long i = 0; i < n; i++) {
				sqlite3_bind_text(list, 1, argv[3], -1, SQLITE_STATIC);
				int rc, rows = 0;
				while ((rc = sqlite3_step(list)) == SQLITE_ROW) {
					sum += readRow(list);
					rows++;
				}
				if (rc != SQLITE_DONE) die(db, "step list");
				if (rows == 0) die(NULL, "list: no rows");
				sqlite3_reset(list);
			}
		} else {
			die(NULL, "unknown command");
		}
		printf("ok %lu %lld\n", sum, cpuNanos() - cpu0);
		fflush(stdout);
	}
	sqlite3_finalize(pk);
	sqlite3_finalize(list);
	sqlite3_close(db);
	return 0;
}
