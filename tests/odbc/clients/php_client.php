<?php
// PHP over the driver, both ways PHP reaches ODBC (php-odbc): the odbc_* functions and PDO_ODBC with its
// default settings (it asks unixODBC for the cursor library "if needed"). What a PHP page does: list
// tables and columns, preview 100 rows, a GROUP BY, parameters as each binds them, 38-digit numbers
// and text with accents and emoji; and a result larger than the static cursor's memory budget read
// whole. Exits 1 if any check failed.
//
// Run by run_client.sh (sample tables PREFIX_orders and PREFIX_customers, expected answers).

$prefix = getenv('DYNAMOSQL_SAMPLE_PREFIX');
$orders = "{$prefix}_orders";
$customers = "{$prefix}_customers";
$expected = [];
foreach (file(getenv('DYNAMOSQL_SAMPLE_EXPECTED'), FILE_IGNORE_NEW_LINES) as $line) {
    [$name, $value] = explode("\t", $line, 2);
    $expected[$name] = $value;
}
$failures = 0;

function check($ok, $what) {
    global $failures;
    echo ($ok ? 'ok' : 'FAIL'), " - $what\n";
    if (!$ok) $failures++;
}

function same($actual, $wanted, $what) {
    check($actual === $wanted, $what);
    if ($actual !== $wanted) echo '  got: ', var_export($actual, true), "\n  wanted: ", var_export($wanted, true), "\n";
}

function with_prefix($prefix) {
    global $expected;
    $out = array_filter($expected, fn($k) => str_starts_with($k, $prefix), ARRAY_FILTER_USE_KEY);
    ksort($out);
    return $out;
}

// The checks both APIs share, on rows as associative arrays of strings.
function check_rows($api, $preview, $groups, $key, $over_5, $numbers_and_text, $names) {
    global $expected;
    same(count($preview), 100, "$api: preview of 100 rows");
    $wrong = array_filter($preview, fn($r) =>
        "{$r['status']}|{$r['qty']}|{$r['price']}" !== $expected["row.{$r['customer_id']}.{$r['order_id']}"]);
    same(count($wrong), 0, "$api: every previewed row holds the values loaded");
    $statuses = array_column($groups, 'status');
    sort($statuses);
    same(implode(',', $statuses), $expected['statuses'], "$api: GROUP BY, one row per status");
    foreach ($groups as $g) {
        same("{$g['n']}|{$g['q']}|{$g['p']}",
             implode('|', array_map(fn($k) => $expected["status.{$g['status']}.$k"], ['count', 'qty', 'price'])),
             "$api: GROUP BY numbers of {$g['status']}");
    }
    same($key, [['qty' => $expected['key.qty'], 'price' => $expected['key.price'], 'status' => $expected['key.status']]],
         "$api: key lookup, the number sort key bound as PHP binds it");
    same($over_5, [['n' => $expected['qty_over_5']]], "$api: qty > ? with the text '5'");
    $big = $note = [];
    foreach ($numbers_and_text as $r) {
        if ($r['big'] !== null) $big["big.{$r['customer_id']}.{$r['order_id']}"] = $r['big'];
        if ($r['note'] !== null) $note["note.{$r['customer_id']}.{$r['order_id']}"] = $r['note'];
    }
    ksort($big);
    ksort($note);
    same($big, with_prefix('big.'), "$api: 38-digit numbers read exactly");
    same($note, with_prefix('note.'), "$api: text with accents and emoji");
    $name = [];
    foreach ($names as $r) $name["name.{$r['customer_id']}"] = $r['name'];
    ksort($name);
    same($name, with_prefix('name.'), "$api: names with accents and emoji");
}

$group_sql = "SELECT status, COUNT(*) AS n, SUM(qty) AS q, SUM(price) AS p FROM $orders GROUP BY status";
$key_sql = "SELECT qty, price, status FROM $orders WHERE customer_id = ? AND order_id = ?";
$over_5_sql = "SELECT COUNT(*) AS n FROM $orders WHERE qty > ?";
$numbers_sql = "SELECT customer_id, order_id, big, note FROM $orders WHERE big IS NOT NULL OR note IS NOT NULL";
$names_sql = "SELECT customer_id, name FROM $customers";

// ---- The odbc_* functions ----
$c = odbc_connect('dynamosql_test', '', '');
check($c !== false, 'odbc: connect');
$tables = [];
$r = odbc_tables($c, null, null, '%', 'TABLE');
while ($row = odbc_fetch_array($r)) $tables[] = $row['TABLE_NAME'];
check(in_array($orders, $tables) && in_array($customers, $tables), 'odbc: odbc_tables lists the sample tables');
$types = [];
$r = odbc_columns($c, null, null, $orders);
while ($row = odbc_fetch_array($r)) $types[$row['COLUMN_NAME']] = $row['TYPE_NAME'];
foreach (['customer_id' => 'VARCHAR', 'order_id' => 'DECIMAL', 'qty' => 'DECIMAL', 'price' => 'DECIMAL',
          '_other' => 'JSON'] as $column => $type) {
    same($types[$column] ?? null, $type, "odbc: column $column is $type");
}
$all = function ($result, $limit = PHP_INT_MAX) {
    $rows = [];
    while (count($rows) < $limit && ($row = odbc_fetch_array($result))) $rows[] = $row;
    return $rows;
};
$execute = function ($sql, $params) use ($c) {
    $st = odbc_prepare($c, $sql);
    odbc_execute($st, $params);
    return $st;
};
check_rows('odbc', $all(odbc_exec($c, "SELECT * FROM $orders"), 100), $all(odbc_exec($c, $group_sql)),
           $all($execute($key_sql, ['c0007', 3])), $all($execute($over_5_sql, ['5'])), $all(odbc_exec($c, $numbers_sql)),
           $all(odbc_exec($c, $names_sql)));
// Text that is not a number where one is expected: an error, not a silent empty answer. The odbc
// functions are an ODBC 2 application, so unixODBC gives them 22018 under its ODBC 2 name, 22005.
$st = odbc_prepare($c, $key_sql);
same([@odbc_execute($st, ['c0007', 'three']), odbc_error($c)], [false, '22005'], "odbc: 'three' for the number key is 22018 (22005)");
odbc_close($c);

// ---- A result larger than the static cursor's memory budget ----
// PHP's odbc functions use a static cursor by default and end a loop quietly at any error, so a
// result cut short would look complete. Orders x customers is 200,000 rows (twice the row limit the
// driver once had); with 1 MB of them in memory the rest go through the temporary file. Row r (from
// 1) of the sorted result is known without asking: order (r - 1) / 100, customer (r - 1) % 100.
$c = odbc_connect('DSN=dynamosql_test;StaticCursorMemoryMB=1', '', '');
$cross_sql = "SELECT o.customer_id AS oc, o.order_id AS oo, c.customer_id AS cc FROM $orders o CROSS JOIN $customers c " .
             "ORDER BY o.customer_id, o.order_id, c.customer_id";
$customer_count = (int)$expected['customers'];
$row_at = function ($r) use ($customer_count) {
    $order = intdiv($r - 1, $customer_count);
    return ['oc' => sprintf('c%04d', intdiv($order, 20) + 1), 'oo' => (string)($order % 20 + 1),
            'cc' => sprintf('c%04d', ($r - 1) % $customer_count + 1)];
};
$r = odbc_exec($c, $cross_sql);
$count = $misplaced = 0;
while ($row = odbc_fetch_array($r)) {
    if ($row !== $row_at(++$count)) $misplaced++;
}
same($count, (int)$expected['rows'] * $customer_count, 'odbc: every row of a 200,000-row result past the memory budget');
same($misplaced, 0, 'odbc: each of them in its place');
$moved = [];
foreach ([150000, 7, 199999] as $at) {
    odbc_fetch_row($r, $at);  // SQLExtendedFetch(SQL_FETCH_ABSOLUTE)
    $moved[] = ['oc' => odbc_result($r, 'oc'), 'oo' => odbc_result($r, 'oo'), 'cc' => odbc_result($r, 'cc')] === $row_at($at);
}
same($moved, [true, true, true], 'odbc: odbc_fetch_row to rows in the temporary file and in memory');
odbc_close($c);

// ---- PDO_ODBC, default attributes ----
$pdo = new PDO('odbc:DSN=dynamosql_test');
$pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$preview = [];
$st = $pdo->query("SELECT * FROM $orders");
while (count($preview) < 100 && ($row = $st->fetch(PDO::FETCH_ASSOC))) $preview[] = $row;
$st->closeCursor();
$key = $pdo->prepare($key_sql);
$key->bindValue(1, 'c0007', PDO::PARAM_STR);
$key->bindValue(2, 3, PDO::PARAM_INT);
$key->execute();
$over_5 = $pdo->prepare($over_5_sql);
$over_5->execute(['5']);
check_rows('pdo', $preview, $pdo->query($group_sql)->fetchAll(PDO::FETCH_ASSOC), $key->fetchAll(PDO::FETCH_ASSOC),
           $over_5->fetchAll(PDO::FETCH_ASSOC), $pdo->query($numbers_sql)->fetchAll(PDO::FETCH_ASSOC),
           $pdo->query($names_sql)->fetchAll(PDO::FETCH_ASSOC));
try {
    $key->execute(['c0007', 'three']);
    $state = 'no error';
} catch (PDOException $e) {
    $state = $e->errorInfo[0];
}
same($state, '22018', "pdo: 'three' for the number key is 22018");

echo $failures ? "$failures checks failed\n" : "all checks passed\n";
exit($failures ? 1 : 0);
