# Perl's DBI with DBD::ODBC (libdbd-odbc-perl) over the driver, as a script writer uses it: list tables
# and columns, preview 100 rows, a GROUP BY, parameters as DBI binds them (execute with plain values;
# bind_param with a type), 38-digit numbers and text with accents and emoji. Debian's DBD::ODBC is
# built without its unicode option, so text arrives as UTF-8 bytes and is compared as bytes.
#
# Run by run_client.sh (sample tables PREFIX_orders and PREFIX_customers, expected answers).
use strict;
use warnings;
use DBI qw(:sql_types);
use Test::More;

my $prefix = $ENV{DYNAMOSQL_SAMPLE_PREFIX};
my ($orders, $customers) = ("${prefix}_orders", "${prefix}_customers");
my %expected;
open(my $file, '<:raw', $ENV{DYNAMOSQL_SAMPLE_EXPECTED}) or die "expected answers: $!";
while (my $line = <$file>) {
  chomp $line;
  my ($name, $value) = split /\t/, $line, 2;
  $expected{$name} = $value;
}
close $file;
sub expected_with_prefix {
  my ($prefix) = @_;
  return { map { $_ => $expected{$_} } grep { index($_, $prefix) == 0 } keys %expected };
}

my $dbh = DBI->connect('dbi:ODBC:DSN=dynamosql_test', '', '', {RaiseError => 1, PrintError => 0, AutoCommit => 1});

# Tables and columns.
my %tables = map { s/"//gr => 1 } $dbh->tables(undef, undef, '%', 'TABLE');
ok($tables{$orders} && $tables{$customers}, 'tables() lists the sample tables');
my $columns = $dbh->column_info(undef, undef, $orders, '%')->fetchall_hashref('COLUMN_NAME');
is($columns->{$_->[0]}{TYPE_NAME}, $_->[1], "column $_->[0] is $_->[1]")
  for ['customer_id', 'VARCHAR'], ['order_id', 'DECIMAL'], ['qty', 'DECIMAL'], ['price', 'DECIMAL'], ['status', 'VARCHAR'],
      ['_other', 'JSON'];

# A preview of 100 rows, checked against the data loaded.
my $preview = $dbh->selectall_arrayref("SELECT * FROM $orders", {Slice => {}, MaxRows => 100});
is(scalar @$preview, 100, 'preview of 100 rows');
my $mismatches = grep {
  join('|', @{$_}{qw(status qty price)}) ne $expected{"row.$_->{customer_id}.$_->{order_id}"}
} @$preview;
is($mismatches, 0, 'every previewed row holds the values loaded');

# GROUP BY: numbers exact as text.
my $groups = $dbh->selectall_arrayref("SELECT status, COUNT(*), SUM(qty), SUM(price) FROM $orders GROUP BY status");
is(join(',', sort map { $_->[0] } @$groups), $expected{statuses}, 'GROUP BY: one row per status');
for my $g (@$groups) {
  is(join('|', @$g[1 .. 3]), join('|', map { $expected{"status.$g->[0].$_"} } qw(count qty price)),
     "GROUP BY: count, SUM(qty), SUM(price) of $g->[0]");
}

# Plain values, as most DBI scripts pass them (DBD::ODBC binds them as text of the type SQLDescribeParam
# gives), and text that is not a number where one is expected: 22018, not a silent empty answer.
my $plain = $dbh->prepare("SELECT qty, price, status FROM $orders WHERE customer_id = ? AND order_id = ?");
$plain->execute('c0007', 3);
is_deeply($plain->fetchall_arrayref, [[@expected{qw(key.qty key.price key.status)}]], 'key lookup, execute with plain values');
my $plain_count = $dbh->prepare("SELECT COUNT(*) FROM $orders WHERE qty > ?");
$plain_count->execute('5');
is(($plain_count->fetchrow_array)[0], $expected{qty_over_5}, "qty > ? with the text '5'");
$plain_count->finish;
ok(!eval { $plain->execute('c0007', 'three'); 1 } && $plain->state eq '22018', "text that is not a number: 22018");

# Parameters bound with a type, as DBI scripts do for numbers they care about.
my $key = $dbh->prepare("SELECT qty, price, status FROM $orders WHERE customer_id = ? AND order_id = ?");
$key->bind_param(1, 'c0007');
$key->bind_param(2, 3, SQL_INTEGER);
$key->execute;
is_deeply($key->fetchall_arrayref, [[@expected{qw(key.qty key.price key.status)}]], 'key lookup, order_id bound as SQL_INTEGER');
my $count = $dbh->prepare("SELECT COUNT(*) FROM $orders WHERE qty > ?");
$count->bind_param(1, 5, SQL_DOUBLE);
$count->execute;
is(($count->fetchrow_array)[0], $expected{qty_over_5}, 'qty > ? bound as SQL_DOUBLE');
$count->finish;

# 38-digit numbers and text with accents and emoji, byte for byte.
my $rows = $dbh->selectall_arrayref(
  "SELECT customer_id, order_id, big, note FROM $orders WHERE big IS NOT NULL OR note IS NOT NULL");
my (%big, %note);
for my $r (@$rows) {
  $big{"big.$r->[0].$r->[1]"} = $r->[2] if defined $r->[2];
  $note{"note.$r->[0].$r->[1]"} = $r->[3] if defined $r->[3];
}
is_deeply(\%big, expected_with_prefix('big.'), '38-digit numbers read exactly');
is_deeply(\%note, expected_with_prefix('note.'), 'text with accents and emoji');
my %name = map { ("name.$_->[0]" => $_->[1]) } @{$dbh->selectall_arrayref("SELECT customer_id, name FROM $customers")};
is_deeply(\%name, expected_with_prefix('name.'), 'names with accents and emoji');

$dbh->disconnect;
done_testing();
