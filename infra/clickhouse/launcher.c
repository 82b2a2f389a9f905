/*
 * Serves ClickHouse over HTTP from the chdb package's libchdb.so (the whole engine as a library).
 * chdb_query_cmdline runs clickhouse-local with our argv; `SYSTEM START LISTEN HTTP` opens the
 * listener and a never-ending query keeps the process serving until it gets SIGTERM.
 * It is a real program rather than an FFI call because ClickHouse checks it runs on a normal thread stack.
 */
#include <stdio.h>

struct chdb_result;
extern struct chdb_result *chdb_query_cmdline(int argc, char **argv);
extern const char *chdb_result_error(struct chdb_result *result);

int main(int argc, char **argv) {
  struct chdb_result *result = chdb_query_cmdline(argc, argv);
  const char *error = result ? chdb_result_error(result) : "chdb returned no result";
  if (error && *error) {
    fprintf(stderr, "%s\n", error);
    return 1;
  }
  return 0;
}
