resource "aws_security_group" "db" {
  name   = "clinic-db"
  vpc_id = var.vpc_id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16", "0.0.0.0/0"] # expect: tf-db-port-open-to-world
  }

  dynamic "ingress" {
    for_each = [27017]
    content {
      from_port        = 27017
      to_port          = 27017
      protocol         = "tcp"
      ipv6_cidr_blocks = ["::/0"] # expect: tf-db-port-open-to-world
    }
  }
}

resource "aws_security_group_rule" "cache" {
  type              = "ingress"
  from_port         = 6000
  to_port           = 6500
  protocol          = "tcp"
  cidr_blocks       = var.admin_cidrs # expect: tf-db-port-open-to-world
  security_group_id = aws_security_group.db.id
}

variable "admin_cidrs" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "debug" {
  type              = "ingress"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"] # expect: tf-db-port-open-to-world
  security_group_id = aws_security_group.db.id
}

resource "aws_vpc_security_group_ingress_rule" "mysql" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "0.0.0.0/0" # expect: tf-db-port-open-to-world
  from_port         = 3306
  to_port           = 3306
  ip_protocol       = "tcp"
}
