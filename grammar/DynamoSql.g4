// The dynamosql dialect: the SQL that people and BI tools write, plus DynamoDB's PartiQL literals
// (documents {'a': 1}, sets <<'x'>>, lists [1, 2]) so statements copied from AWS documentation run.
// No embedded actions: engine/sql/ast_builder.cpp walks the parse tree and builds our own AST.
grammar DynamoSql;

singleStatement : statement SEMI* EOF ;

statement
    : EXPLAIN ANALYZE? statement                                      # explainStatement
    | query                                                           # queryStatement
    | SHOW TABLES                                                     # showTablesStatement
    | (DESCRIBE | DESC) tableName                                     # describeStatement
    | SET identifier EQ? setValue                                     # setStatement
    | SHOW (ALL | identifier)                                         # showSettingStatement
    | (INSERT | UPSERT) INTO tableName columnList? insertSource       # insertStatement
    | UPDATE tableName updateAction+ (WHERE where=expression)?        # updateStatement
    | DELETE FROM tableName (WHERE where=expression)?                 # deleteStatement
    | CREATE TABLE (IF NOT EXISTS)? tableName
      LPAREN tableElement (COMMA tableElement)* RPAREN
      (WITH LPAREN tableOption (COMMA tableOption)* RPAREN)?          # createTableStatement
    | DROP TABLE (IF EXISTS)? tableName                               # dropTableStatement
    | CREATE INDEX identifier ON tableName
      LPAREN indexKey (COMMA indexKey)? RPAREN
      (WITH LPAREN tableOption (COMMA tableOption)* RPAREN)?          # createIndexStatement
    | DROP INDEX identifier ON tableName                              # dropIndexStatement
    | ALTER TABLE tableName SET LPAREN tableOption (COMMA tableOption)* RPAREN  # alterTableStatement
    | COPY tableName copyColumns? FROM path=STRING copyOptions?       # copyFromStatement
    | COPY (tableName copyColumns? | LPAREN query RPAREN) TO path=STRING copyOptions?  # copyToStatement
    | (BEGIN | START) (TRANSACTION | WORK)?                           # beginStatement
    | COMMIT (TRANSACTION | WORK)?                                    # commitStatement
    | ROLLBACK (TRANSACTION | WORK)?                                  # rollbackStatement
    ;

columnList : LPAREN identifier (COMMA identifier)* RPAREN ;

insertSource
    : VALUES valuesRow (COMMA valuesRow)*                             # valuesSource
    | VALUE expression (COMMA expression)*                            # documentSource
    | query                                                           # querySource
    ;

valuesRow : LPAREN expression (COMMA expression)* RPAREN ;

updateAction
    : SET setClause (COMMA setClause)*                                # setAction
    | REMOVE valueExpression (COMMA valueExpression)*                 # removeAction
    ;

setClause : target=valueExpression EQ expression ;

tableElement
    : (GLOBAL | LOCAL)? INDEX identifier LPAREN indexKey (COMMA indexKey)? RPAREN
      (WITH LPAREN tableOption (COMMA tableOption)* RPAREN)?          # indexDefinition
    | identifier typeName (PRIMARY KEY)?                              # columnDefinition
    | PRIMARY KEY LPAREN identifier (COMMA identifier)? RPAREN         # primaryKeyDefinition
    ;

tableOption : identifier EQ literal ;

// COPY's columns may carry the type their text is read as: COPY t (id NUMBER, tags JSON) FROM ...
copyColumns : LPAREN indexKey (COMMA indexKey)* RPAREN ;

// WITH (format = 'csv', header = true) or PostgreSQL's WITH (FORMAT csv, HEADER).
copyOptions : WITH? LPAREN copyOption (COMMA copyOption)* RPAREN ;

copyOption : identifier (EQ? (literal | identifier))? ;

indexKey : identifier typeName? ;

setValue : MINUS? literal | identifier ;  // a sign, so a negative number gets the setting's own message

// ---- queries ----
// WITH, then the set operations by SQL's precedence (INTERSECT binds tighter than UNION and EXCEPT;
// operators of one level associate to the left), then the ORDER BY and LIMIT of the whole.
query : ctes=withClause? body=queryBody ordering=orderByClause? paging=limitClause? ;

withClause : WITH RECURSIVE? namedQuery (COMMA namedQuery)* ;

namedQuery : identifier columnList? AS LPAREN query RPAREN ;

// Loops, not left recursion: a left-recursive rule's precedence predicates lie in what may follow a
// SELECT, and made ANTLR run a full prediction for each of its optional clauses; with loops the next
// token decides.
queryBody : intersection (unionOperator intersection)* ;

unionOperator : op=(UNION | EXCEPT) setQuantifier? ;

intersection : queryTerm (intersectOperator queryTerm)* ;

intersectOperator : INTERSECT setQuantifier? ;

queryTerm
    : spec=querySpecification
    | LPAREN nested=query RPAREN
    ;

querySpecification
    : SELECT quantifier=setQuantifier? items+=selectItem (COMMA items+=selectItem)*
      (FROM from=fromClause)?
      (WHERE where=expression)?
      (GROUP BY groups+=groupingElement (COMMA groups+=groupingElement)*)?
      (HAVING having=expression)?
      (WINDOW windows+=windowDefinition (COMMA windows+=windowDefinition)*)?
    ;

setQuantifier : DISTINCT | ALL ;

selectItem
    : STAR                                                            # selectAll
    | identifier DOT STAR                                             # selectAllOf
    | value=expression (AS? alias=identifier)?                        # selectExpression
    ;

fromClause : first=relation (joins+=joinClause)* ;

// A qualified join's right side may carry joins of its own before its ON (SQL-92's and ODBC's nested
// form: a LEFT JOIN b LEFT JOIN c ON x ON y is a LEFT JOIN (b LEFT JOIN c ON x) ON y); the loop ends at
// ON or USING, so one token decides.
joinClause
    : joinType JOIN relation (nested+=joinClause)* (ON expression | USING columnList)  # qualifiedJoin
    | NATURAL joinType JOIN relation                                  # naturalJoin
    | (COMMA | CROSS JOIN) relation                                   # crossJoin
    ;

joinType : INNER? | LEFT OUTER? | RIGHT OUTER? | FULL OUTER? ;

relation
    : tableName (AS? alias=identifier)?                               # tableRelation
    | LPAREN query RPAREN AS? identifier                              # subqueryRelation
    | LPAREN first=relation (joins+=joinClause)* RPAREN (AS? alias=identifier)?  # joinedRelation
    ;

tableName : parts+=identifier (DOT parts+=identifier)? ;

// GROUP BY a, ROLLUP (b, c), CUBE (d), GROUPING SETS ((e), (f, g), ()), () (the grand total).
groupingElement
    : ROLLUP LPAREN (expression (COMMA expression)*)? RPAREN          # rollupGrouping
    | CUBE LPAREN (expression (COMMA expression)*)? RPAREN            # cubeGrouping
    | GROUPING SETS LPAREN groupingSet (COMMA groupingSet)* RPAREN    # groupingSetsGrouping
    | LPAREN RPAREN                                                   # emptyGrouping
    | expression                                                      # expressionGrouping
    ;

groupingSet
    : LPAREN (expression (COMMA expression)*)? RPAREN
    | expression
    ;

windowDefinition : identifier AS LPAREN windowSpecification RPAREN ;

// OVER (w ...) names a window of the WINDOW clause to extend.
windowSpecification
    : base=identifier? (PARTITION BY expression (COMMA expression)*)? orderByClause? windowFrame? ;

windowFrame
    : unit=(ROWS | RANGE | GROUPS) (frameStart=frameBound | BETWEEN frameStart=frameBound AND frameEnd=frameBound) ;

frameBound
    : UNBOUNDED direction=(PRECEDING | FOLLOWING)                     # unboundedFrameBound
    | CURRENT ROW                                                     # currentRowFrameBound
    | valueExpression direction=(PRECEDING | FOLLOWING)               # offsetFrameBound
    ;

orderByClause : ORDER BY orderItem (COMMA orderItem)* ;

orderItem : expression ordering=(ASC | DESC)? (NULLS nullOrder=(FIRST | LAST))? ;

limitClause
    : LIMIT limit=expression (OFFSET offset=expression)?
    | OFFSET offset=expression (ROW | ROWS)? (FETCH (FIRST | NEXT) limit=expression (ROW | ROWS) ONLY)?
    | FETCH (FIRST | NEXT) limit=expression? (ROW | ROWS) ONLY
    ;

// ---- expressions ----
// Two levels, as Trino's grammar: boolean expressions combine predicates; a predicate's operands are
// value expressions, which cannot contain AND/OR/NOT, so `a BETWEEN 1 AND 2 AND b = 3` and
// `a LIKE 'x%' OR b LIKE 'y'` parse as people mean them.
// (One rule, not a wrapper around it: each rule a statement passes through costs a parse-tree node.)
expression
    : operand=valueExpression condition=predicate?                    # predicated
    | NOT expression                                                  # logicalNot
    | expression AND expression                                       # logicalAnd
    | expression OR expression                                        # logicalOr
    ;

predicate
    : op=(EQ | NEQ | LT | LTE | GT | GTE) quantifier=(ANY | SOME | ALL) LPAREN query RPAREN  # quantifiedPredicate
    | op=(EQ | NEQ | LT | LTE | GT | GTE) right=valueExpression        # comparisonPredicate
    | NOT? BETWEEN lower=valueExpression AND upper=valueExpression    # betweenPredicate
    | NOT? IN LPAREN query RPAREN                                     # inSubqueryPredicate
    | NOT? IN LPAREN expression (COMMA expression)* RPAREN            # inListPredicate
    | NOT? LIKE pattern=valueExpression (ESCAPE escape=valueExpression)?  # likePredicate
    | IS NOT? DISTINCT FROM right=valueExpression                     # distinctFromPredicate
    | NOT? SIMILAR TO pattern=valueExpression (ESCAPE escape=valueExpression)?  # similarPredicate
    | op=(TILDE | TILDE_STAR | NOT_TILDE | NOT_TILDE_STAR) pattern=valueExpression  # regexPredicate
    | IS NOT? kind=(NULL_ | MISSING)                                  # isPredicate
    ;

valueExpression
    : inner=primary                                                   # primaryValue
    | valueExpression DOT identifier                                  # memberValue
    | valueExpression LBRACKET valueExpression RBRACKET               # indexValue
    | op=(MINUS | PLUS) valueExpression                               # unaryValue
    | valueExpression op=(STAR | SLASH | PERCENT) valueExpression     # multiplicativeValue
    | valueExpression op=(PLUS | MINUS) valueExpression               # additiveValue
    | valueExpression CONCAT valueExpression                          # concatValue
    ;

primary
    : literal                                                         # literalPrimary
    | typedLiteral                                                    # typedLiteralPrimary
    | QUESTION                                                        # parameterPrimary
    | name=(CURRENT_DATE | CURRENT_TIME | CURRENT_TIMESTAMP | LOCALTIME | LOCALTIMESTAMP)
      (LPAREN precision=INTEGER_VALUE? RPAREN)?                       # currentTimePrimary
    | EXISTS LPAREN query RPAREN                                      # existsPrimary
    | EXTRACT LPAREN field=extractField FROM valueExpression RPAREN   # extractPrimary
    | POSITION LPAREN needle=valueExpression IN haystack=valueExpression RPAREN  # positionPrimary
    | SUBSTRING LPAREN valueExpression
      (FROM startAt=valueExpression (FOR length=valueExpression)? | FOR length=valueExpression) RPAREN  # substringPrimary
    | TRIM LPAREN side=(BOTH | LEADING | TRAILING)? characters=valueExpression? FROM
      trimmed=valueExpression RPAREN                                  # trimPrimary
    | name=functionName LPAREN STAR RPAREN filter=filterClause? over=overClause?  # countStarPrimary
    | name=functionName LPAREN (quantifier=setQuantifier? arguments+=expression (COMMA arguments+=expression)*
      ordering=orderByClause?)? RPAREN within=withinGroupClause? filter=filterClause? over=overClause?  # functionPrimary
    | CASE operand=expression? whenClause+ (ELSE elseExpr=expression)? END       # casePrimary
    | CAST LPAREN expression AS typeName RPAREN                       # castPrimary
    | identifier                                                      # columnPrimary
    | LPAREN query RPAREN                                             # subqueryPrimary
    | LPAREN expression RPAREN                                        # parenthesizedPrimary
    | LBRACE (documentEntry (COMMA documentEntry)*)? RBRACE           # documentPrimary
    | LBRACKET (expression (COMMA expression)*)? RBRACKET             # listPrimary
    | SET_OPEN (expression (COMMA expression)*)? SET_CLOSE            # setPrimary
    ;

// DATE '2026-01-31', TIME '10:20:30', TIMESTAMP [WITH[OUT] TIME ZONE] '...', INTERVAL '3' DAY.
typedLiteral
    : DATE STRING                                                     # dateLiteral
    | TIME STRING                                                     # timeLiteral
    | TIMESTAMP (withZone=WITH TIME ZONE | WITHOUT TIME ZONE)? STRING  # timestampLiteral
    | INTERVAL STRING (first=intervalField (TO last=intervalField)?)? # intervalLiteral
    ;

intervalField : YEAR | MONTH | DAY | HOUR | MINUTE | SECOND ;

extractField : identifier | STRING ;

withinGroupClause : WITHIN GROUP LPAREN orderByClause RPAREN ;

filterClause : FILTER LPAREN WHERE expression RPAREN ;

overClause : OVER (identifier | LPAREN windowSpecification RPAREN) ;

functionName : name=identifier | LEFT | RIGHT ;

whenClause : WHEN condition=expression THEN result=expression ;

documentEntry : (STRING | identifier) COLON expression ;

typeName : identifier (LPAREN INTEGER_VALUE (COMMA INTEGER_VALUE)? RPAREN)? ((withZone=WITH | WITHOUT) TIME ZONE)? ;

literal
    : STRING                                                          # stringLiteral
    | (INTEGER_VALUE | DECIMAL_VALUE)                                 # numberLiteral
    | (TRUE_ | FALSE_)                                                # booleanLiteral
    | NULL_                                                           # nullLiteral
    | MISSING                                                         # missingLiteral
    ;

identifier
    : IDENTIFIER
    | QUOTED_IDENTIFIER
    | nonReserved
    ;

// Keywords that may still name tables, attributes and settings.
nonReserved
    : ANALYZE | DESC | FIRST | LAST | NULLS | NEXT | ROW | ROWS | ONLY | TABLES | MISSING | SHOW | SET
    | FETCH | OFFSET | EXPLAIN | DESCRIBE | ESCAPE | VALUE | KEY | TABLE | REMOVE | IF | EXISTS | PRIMARY
    | UPSERT | WITH | INDEX | ALTER | BEGIN | START | TRANSACTION | WORK | COMMIT | ROLLBACK
    | COPY | TO | GLOBAL | LOCAL
    | RECURSIVE | WINDOW | PARTITION | RANGE | GROUPS | UNBOUNDED | PRECEDING | FOLLOWING | CURRENT | OVER
    | FILTER | WITHIN | ROLLUP | CUBE | GROUPING | SETS | USING | SIMILAR | EXTRACT | POSITION | SUBSTRING
    | ANY | SOME
    | TRIM | BOTH | LEADING | TRAILING | FOR | DATE | TIME | TIMESTAMP | INTERVAL | ZONE | WITHOUT
    | YEAR | MONTH | DAY | HOUR | MINUTE | SECOND
    ;

// ---- lexer ----
ALL : A L L ;
ALTER : A L T E R ;
ANALYZE : A N A L Y Z E ;
AND : A N D ;
ANY : A N Y ;
AS : A S ;
ASC : A S C ;
BEGIN : B E G I N ;
BETWEEN : B E T W E E N ;
BOTH : B O T H ;
BY : B Y ;
CASE : C A S E ;
CAST : C A S T ;
COMMIT : C O M M I T ;
COPY : C O P Y ;
CREATE : C R E A T E ;
CROSS : C R O S S ;
CUBE : C U B E ;
CURRENT : C U R R E N T ;
CURRENT_DATE : C U R R E N T '_' D A T E ;
CURRENT_TIME : C U R R E N T '_' T I M E ;
CURRENT_TIMESTAMP : C U R R E N T '_' T I M E S T A M P ;
DATE : D A T E ;
DAY : D A Y ;
DELETE : D E L E T E ;
DESC : D E S C ;
DESCRIBE : D E S C R I B E ;
DISTINCT : D I S T I N C T ;
DROP : D R O P ;
ELSE : E L S E ;
END : E N D ;
ESCAPE : E S C A P E ;
EXCEPT : E X C E P T ;
EXISTS : E X I S T S ;
EXPLAIN : E X P L A I N ;
EXTRACT : E X T R A C T ;
FALSE_ : F A L S E ;
FETCH : F E T C H ;
FILTER : F I L T E R ;
FIRST : F I R S T ;
FOLLOWING : F O L L O W I N G ;
FOR : F O R ;
FROM : F R O M ;
FULL : F U L L ;
GLOBAL : G L O B A L ;
GROUP : G R O U P ;
GROUPING : G R O U P I N G ;
GROUPS : G R O U P S ;
HAVING : H A V I N G ;
HOUR : H O U R ;
IF : I F ;
IN : I N ;
INDEX : I N D E X ;
INNER : I N N E R ;
INSERT : I N S E R T ;
INTERSECT : I N T E R S E C T ;
INTERVAL : I N T E R V A L ;
INTO : I N T O ;
IS : I S ;
JOIN : J O I N ;
KEY : K E Y ;
LAST : L A S T ;
LEADING : L E A D I N G ;
LEFT : L E F T ;
LIKE : L I K E ;
LIMIT : L I M I T ;
LOCAL : L O C A L ;
LOCALTIME : L O C A L T I M E ;
LOCALTIMESTAMP : L O C A L T I M E S T A M P ;
MINUTE : M I N U T E ;
MISSING : M I S S I N G ;
MONTH : M O N T H ;
NATURAL : N A T U R A L ;
NEXT : N E X T ;
NOT : N O T ;
NULLS : N U L L S ;
NULL_ : N U L L ;
OFFSET : O F F S E T ;
ON : O N ;
ONLY : O N L Y ;
OR : O R ;
ORDER : O R D E R ;
OUTER : O U T E R ;
OVER : O V E R ;
PARTITION : P A R T I T I O N ;
POSITION : P O S I T I O N ;
PRECEDING : P R E C E D I N G ;
PRIMARY : P R I M A R Y ;
RANGE : R A N G E ;
RECURSIVE : R E C U R S I V E ;
REMOVE : R E M O V E ;
RIGHT : R I G H T ;
ROLLBACK : R O L L B A C K ;
ROLLUP : R O L L U P ;
ROW : R O W ;
ROWS : R O W S ;
SECOND : S E C O N D ;
SELECT : S E L E C T ;
SET : S E T ;
SETS : S E T S ;
SHOW : S H O W ;
SIMILAR : S I M I L A R ;
SOME : S O M E ;
START : S T A R T ;
SUBSTRING : S U B S T R I N G ;
TABLE : T A B L E ;
TABLES : T A B L E S ;
THEN : T H E N ;
TIME : T I M E ;
TIMESTAMP : T I M E S T A M P ;
TO : T O ;
TRAILING : T R A I L I N G ;
TRANSACTION : T R A N S A C T I O N ;
TRIM : T R I M ;
TRUE_ : T R U E ;
UNBOUNDED : U N B O U N D E D ;
UNION : U N I O N ;
UPDATE : U P D A T E ;
UPSERT : U P S E R T ;
USING : U S I N G ;
VALUE : V A L U E ;
VALUES : V A L U E S ;
WHEN : W H E N ;
WHERE : W H E R E ;
WINDOW : W I N D O W ;
WITH : W I T H ;
WITHIN : W I T H I N ;
WITHOUT : W I T H O U T ;
WORK : W O R K ;
YEAR : Y E A R ;
ZONE : Z O N E ;

EQ : '=' | '==' ;
NEQ : '<>' | '!=' ;
TILDE : '~' ;
TILDE_STAR : '~*' ;
NOT_TILDE : '!~' ;
NOT_TILDE_STAR : '!~*' ;
LTE : '<=' ;
GTE : '>=' ;
SET_OPEN : '<<' ;
SET_CLOSE : '>>' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
CONCAT : '||' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
COMMA : ',' ;
DOT : '.' ;
COLON : ':' ;
SEMI : ';' ;
QUESTION : '?' ;

STRING : '\'' ( ~'\'' | '\'\'' )* '\'' ;
INTEGER_VALUE : DIGIT+ ;
DECIMAL_VALUE
    : DIGIT+ '.' DIGIT* EXPONENT?
    | '.' DIGIT+ EXPONENT?
    | DIGIT+ EXPONENT
    ;
IDENTIFIER : (LETTER | '_') (LETTER | DIGIT | '_' | '$')* ;
QUOTED_IDENTIFIER : '"' ( ~'"' | '""' )* '"' ;

LINE_COMMENT : '--' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
WS : [ \t\r\n]+ -> channel(HIDDEN) ;
// Anything else is a token the parser rejects with a position, never a lexer crash.
UNRECOGNIZED : . ;

fragment EXPONENT : [eE] [+-]? DIGIT+ ;
fragment DIGIT : [0-9] ;
fragment LETTER : [a-zA-Z] | ~[\u0000-\u007F] ;

fragment A : [aA] ; fragment B : [bB] ; fragment C : [cC] ; fragment D : [dD] ; fragment E : [eE] ;
fragment F : [fF] ; fragment G : [gG] ; fragment H : [hH] ; fragment I : [iI] ; fragment J : [jJ] ;
fragment K : [kK] ; fragment L : [lL] ; fragment M : [mM] ; fragment N : [nN] ; fragment O : [oO] ;
fragment P : [pP] ; fragment Q : [qQ] ; fragment R : [rR] ; fragment S : [sS] ; fragment T : [tT] ;
fragment U : [uU] ; fragment V : [vV] ; fragment W : [wW] ; fragment X : [xX] ; fragment Y : [yY] ;
fragment Z : [zZ] ;
