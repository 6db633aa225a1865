-- Every page query reads the attached file by its table names.
use shuttle
