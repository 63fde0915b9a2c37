-- sqlite3: create, insert (recursive CTE), join, aggregate, printf, window
-- functions, an index, a transaction and floating point output.
.headers on
.mode list
CREATE TABLE dept(id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE emp(id INTEGER PRIMARY KEY, name TEXT, dept INTEGER REFERENCES dept(id),
                 salary REAL, hired TEXT);
INSERT INTO dept(name) VALUES ('eng'), ('ops'), ('sales'), ('legal');
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO emp(name, dept, salary, hired)
SELECT printf('emp%04d', i), 1 + (i * 7) % 3, 30000 + (i * 7919) % 50000 + i / 7.0,
       date('2000-01-01', '+' || (i * 13) % 8000 || ' days')
FROM n;
COMMIT;
CREATE INDEX emp_dept ON emp(dept);
SELECT d.name, count(*), printf('%.2f', avg(e.salary)), min(e.hired), max(e.hired)
FROM emp e JOIN dept d ON d.id = e.dept GROUP BY d.name ORDER BY d.name;
SELECT d.name, count(e.id) FROM dept d LEFT JOIN emp e ON e.dept = d.id GROUP BY d.id ORDER BY d.id;
SELECT name, salary, rank() OVER (PARTITION BY dept ORDER BY salary DESC) AS r
FROM emp WHERE id % 97 = 0 ORDER BY dept, r;
SELECT printf('%08.3f|%-8s|%x|%e|%5.1f%%', salary, name, id, salary * 1e10, 12.34) FROM emp WHERE id IN (1, 500, 2000);
SELECT strftime('%Y-%j', hired), julianday(hired) - julianday('2000-01-01') FROM emp WHERE id < 4;
SELECT sum(salary), total(salary) / count(*), group_concat(id, ',') FROM emp WHERE salary > 79990;
UPDATE emp SET salary = salary * 1.1 WHERE dept = 2;
DELETE FROM emp WHERE id % 5 = 0;
SELECT count(*), round(sum(salary), 4), length(group_concat(name)) FROM emp;
SELECT 1.0 / 3, 1e308 * 10, 0.1 + 0.2, cast(9007199254740993 AS REAL), 7 / 2, -7 % 3, abs(-2.5);
SELECT upper(substr(name, 1, 3)) || lower('XYZ'), instr(name, '99'), replace(name, 'emp', 'E') FROM emp WHERE id = 1999;
SELECT * FROM (SELECT dept, count(*) c FROM emp GROUP BY dept) WHERE c > 500 ORDER BY c DESC;
EXPLAIN QUERY PLAN SELECT * FROM emp WHERE dept = 2;
