# R with RODBC (r-base-core, r-cran-rodbc) over the driver, as an analyst uses it: list tables and
# columns, preview 100 rows, a GROUP BY, 38-digit numbers (as text: R's numbers are doubles) and text
# with accents and emoji, and sqlSave(append = TRUE) of a data frame (RODBC writes every column the
# table lists, `_other` included), read back. Exits 1 if any check failed.
#
# Run by run_client.sh (sample tables PREFIX_orders and PREFIX_customers, expected answers).
library(RODBC)
invisible(Sys.setlocale("LC_CTYPE", "C.UTF-8"))  # text arrives as UTF-8

prefix <- Sys.getenv("DYNAMOSQL_SAMPLE_PREFIX")
orders <- paste0(prefix, "_orders")
customers <- paste0(prefix, "_customers")
lines <- strsplit(readLines(Sys.getenv("DYNAMOSQL_SAMPLE_EXPECTED"), encoding = "UTF-8"), "\t", fixed = TRUE)
expected <- setNames(vapply(lines, `[`, "", 2), vapply(lines, `[`, "", 1))
with_prefix <- function(p) { e <- expected[startsWith(names(expected), p)]; e[order(names(e))] }
failures <- 0
check <- function(ok, what) {
  cat(if (isTRUE(ok)) "ok" else "FAIL", "-", what, "\n")
  if (!isTRUE(ok)) failures <<- failures + 1
}
same <- function(actual, wanted, what) {
  ok <- identical(actual, wanted)
  check(ok, what)
  if (!ok) { cat("  got:\n"); str(actual); cat("  wanted:\n"); str(wanted) }
}

ch <- odbcConnect("dynamosql_test")

# Tables and columns.
tables <- sqlTables(ch, tableType = "TABLE")$TABLE_NAME
check(all(c(orders, customers) %in% tables), "sqlTables lists the sample tables")
columns <- sqlColumns(ch, orders)
types <- setNames(columns$TYPE_NAME, columns$COLUMN_NAME)
same(unname(types[c("customer_id", "order_id", "qty", "price", "status", "_other")]),
     c("VARCHAR", "DECIMAL", "DECIMAL", "DECIMAL", "VARCHAR", "JSON"), "sqlColumns types")

# A preview of 100 rows: numbers arrive as R numbers, and match the data loaded.
preview <- sqlQuery(ch, paste("SELECT * FROM", orders), max = 100, stringsAsFactors = FALSE)
same(nrow(preview), 100L, "preview of 100 rows")
loaded <- strsplit(expected[paste0("row.", preview$customer_id, ".", preview$order_id)], "|", fixed = TRUE)
same(preview$status, unname(vapply(loaded, `[`, "", 1)), "previewed statuses")
same(as.numeric(preview$qty), as.numeric(vapply(loaded, `[`, "", 2)), "previewed quantities")
same(as.numeric(preview$price), as.numeric(vapply(loaded, `[`, "", 3)), "previewed prices")

# GROUP BY: COUNT is an integer (SQL_BIGINT), sums numbers; exactly as text with as.is.
groups <- sqlQuery(ch, paste("SELECT status, COUNT(*) AS n, SUM(qty) AS q, SUM(price) AS p FROM", orders,
                             "GROUP BY status ORDER BY status"), stringsAsFactors = FALSE)
same(paste(groups$status, collapse = ","), expected[["statuses"]], "GROUP BY: one row per status")
same(as.numeric(groups$n), as.numeric(expected[paste0("status.", groups$status, ".count")]), "GROUP BY counts")
same(as.numeric(groups$q), as.numeric(expected[paste0("status.", groups$status, ".qty")]), "GROUP BY SUM(qty)")
check(isTRUE(all.equal(groups$p, as.numeric(expected[paste0("status.", groups$status, ".price")]))), "GROUP BY SUM(price)")
exact <- sqlQuery(ch, paste("SELECT status, SUM(price) AS p FROM", orders, "GROUP BY status ORDER BY status"), as.is = TRUE)
same(exact$p, unname(expected[paste0("status.", exact$status, ".price")]), "GROUP BY SUM(price) exactly, as text")

# 38-digit numbers (as.is keeps them as the exact text) and text with accents and emoji.
rows <- sqlQuery(ch, paste("SELECT customer_id, order_id, big, note FROM", orders,
                           "WHERE big IS NOT NULL OR note IS NOT NULL"), as.is = TRUE)
big <- rows[!is.na(rows$big), ]
big <- setNames(big$big, paste0("big.", big$customer_id, ".", big$order_id))
same(big[order(names(big))], with_prefix("big."), "38-digit numbers read exactly")
note <- rows[!is.na(rows$note), ]
note <- setNames(note$note, paste0("note.", note$customer_id, ".", note$order_id))
same(note[order(names(note))], with_prefix("note."), "text with accents and emoji")
names <- sqlQuery(ch, paste("SELECT customer_id, name FROM", customers), as.is = TRUE)
names <- setNames(names$name, paste0("name.", names$customer_id))
same(names[order(names(names))], with_prefix("name."), "names with accents and emoji")

# sqlSave(append = TRUE): a data frame shaped like the table (as SELECT * reads it, `_other` included)
# with new keys, a fractional quantity, accents and emoji, and attributes outside the columns given
# as `_other`'s JSON object.
frame <- sqlQuery(ch, paste("SELECT * FROM", orders, "WHERE customer_id = 'c0002' AND order_id < 4 ORDER BY order_id"),
                  stringsAsFactors = FALSE)
frame$customer_id <- "r_save"
frame$qty <- c(2.5, 3, 4)
frame$note <- c("Grüße 😀", NA, "naïve")
frame$`_other` <- c(NA, '{"color": "grün", "size": 3}', NA)
sqlSave(ch, frame, tablename = orders, append = TRUE, rownames = FALSE)
back <- sqlQuery(ch, paste("SELECT order_id, qty, price, note, color, size FROM", orders,
                           "WHERE customer_id = 'r_save' ORDER BY order_id"), as.is = TRUE)
same(back$qty, c("2.5", "3", "4"), "sqlSave: quantities read back")
same(as.numeric(back$price), frame$price, "sqlSave: prices read back")
same(back$note, c("Grüße 😀", NA, "naïve"), "sqlSave: text read back")
same(c(back$color[2], back$size[2]), c("grün", "3"), "sqlSave: _other's attributes read back")
invisible(sqlQuery(ch, paste("DELETE FROM", orders, "WHERE customer_id = 'r_save'")))

# A frame read with SELECT * and saved back: `_other` reads as DynamoDB JSON, so its sets stay sets
# and its numbers exact (as plain JSON they came back as lists). The reading connection samples no
# items, so every attribute but the key is in `_other`.
invisible(sqlQuery(ch, paste("INSERT INTO", orders, "(customer_id, order_id, tags, sizes, big) VALUES",
                             "('r_types', 1, <<'red', 'grün'>>, <<1.5, 2>>, 12345678901234567890123456789012345678)")))
fresh <- odbcDriverConnect("DSN=dynamosql_test;SchemaSampleSize=0")
frame <- sqlQuery(fresh, paste("SELECT * FROM", orders, "WHERE customer_id = 'r_types'"), as.is = TRUE,
                  stringsAsFactors = FALSE)
same(names(frame), c("customer_id", "order_id", "_other"), "SELECT * with no sampled columns")
frame$order_id <- "2"
sqlSave(fresh, frame, tablename = orders, append = TRUE, rownames = FALSE)
types <- sqlQuery(ch, paste("SELECT order_id, typeof(tags), typeof(sizes), big FROM", orders,
                            "WHERE customer_id = 'r_types' ORDER BY order_id"), as.is = TRUE)
same(unname(unlist(types[2, 2:4])), unname(unlist(types[1, 2:4])), "sqlSave of _other read back: the same types")
same(unname(unlist(types[2, 2:4])), c("SS", "NS", "12345678901234567890123456789012345678"),
     "sqlSave of _other: sets stay sets, numbers exact")
invisible(sqlQuery(ch, paste("DELETE FROM", orders, "WHERE customer_id = 'r_types'")))
close(fresh)

close(ch)
cat(if (failures > 0) paste(failures, "checks failed\n") else "all checks passed\n")
quit(status = if (failures > 0) 1 else 0)
